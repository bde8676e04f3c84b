import { z } from 'zod';
import { botStatusSchema, knowledgeEntrySchema } from './admin.ts';
import { langSchema, messageTextSchema } from './common.ts';
import { messageEmotionSchema } from './conversation.ts';

/** Versions of an entry are PostgreSQL `integer`s, counted per entry from 1. */
export const MAX_KNOWLEDGE_VERSION = 2_147_483_647;

/** An FAQ entry as the server sends it: `enabled` is always there. */
export const knowledgeEntryViewSchema = knowledgeEntrySchema.extend({ enabled: z.boolean() });
export type KnowledgeEntryView = z.infer<typeof knowledgeEntryViewSchema>;

// ---------------------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------------------

/**
 * A category is free text (1–40 characters) chosen by staff; these built-in codes have names in both
 * languages, anything else is shown as typed.
 */
export const builtInKnowledgeCategories = [
  { code: 'account', label: { zh: '账户', en: 'Account' } },
  { code: 'orders', label: { zh: '订单', en: 'Orders' } },
  { code: 'shipping', label: { zh: '配送物流', en: 'Shipping' } },
  { code: 'returns', label: { zh: '退换货', en: 'Returns' } },
  { code: 'refunds', label: { zh: '退款', en: 'Refunds' } },
  { code: 'payment', label: { zh: '支付', en: 'Payment' } },
  { code: 'invoices', label: { zh: '发票', en: 'Invoices' } },
  { code: 'membership', label: { zh: '会员', en: 'Membership' } },
  { code: 'products', label: { zh: '商品', en: 'Products' } },
  { code: 'promotions', label: { zh: '优惠活动', en: 'Promotions' } },
  { code: 'after_sales', label: { zh: '售后服务', en: 'After-sales' } },
  { code: 'general', label: { zh: '常见问题', en: 'General' } },
] as const satisfies ReadonlyArray<{ code: string; label: { zh: string; en: string } }>;

/** Built-in category code → its names. A Map: categories are user text ("constructor" is just a category). */
export const knowledgeCategoryLabels: ReadonlyMap<string, { zh: string; en: string }> = new Map(
  builtInKnowledgeCategories.map((c) => [c.code, c.label]),
);

/** How a category is shown to a reader: the built-in name in their language, or the category as typed. */
export function knowledgeCategoryLabel(category: string, lang: 'zh' | 'en'): string {
  return knowledgeCategoryLabels.get(category)?.[lang] ?? category;
}

export const knowledgeCategorySchema = z.object({
  code: z.string(),
  /** names in both languages for a built-in category; null for a workspace's own */
  label: z.object({ zh: z.string(), en: z.string() }).nullable(),
  builtIn: z.boolean(),
  /** entries of my workspace in it (0 for a built-in category not used yet) */
  entries: z.number().int(),
});
export const knowledgeCategoryListSchema = z.object({ categories: z.array(knowledgeCategorySchema) });
export type KnowledgeCategory = z.infer<typeof knowledgeCategorySchema>;

// ---------------------------------------------------------------------------------------------------------
// Versions, diffs, rollback, recent changes
// ---------------------------------------------------------------------------------------------------------

export const knowledgeChangeKindSchema = z.enum([
  'create',
  'update',
  'delete',
  'enable',
  'disable',
  'rollback',
]);
export type KnowledgeChangeKind = z.infer<typeof knowledgeChangeKindSchema>;

/** One recorded change of an entry. `entry` is the whole entry after the change; for `delete`, the entry as
 * it was when deleted (what a rollback to this version restores). */
export const knowledgeVersionSchema = z.object({
  entryId: z.string(),
  version: z.number().int(),
  change: knowledgeChangeKindSchema,
  /** edit: the API or console; import: a file import */
  via: z.enum(['edit', 'import']),
  /** for `rollback`: the version restored */
  restoredFrom: z.number().int().nullable(),
  entry: knowledgeEntryViewSchema,
  /** who made it (null: the system, e.g. the demo seed, or a removed account) */
  by: z.object({ id: z.string(), name: z.string() }).nullable(),
  at: z.string(),
});
export type KnowledgeVersion = z.infer<typeof knowledgeVersionSchema>;

export const knowledgeVersionListSchema = z.object({
  /** true when the entry exists now (false: deleted; a rollback restores it) */
  exists: z.boolean(),
  versions: z.array(knowledgeVersionSchema),
});

export const knowledgeVersionParamsSchema = z.object({
  id: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
  version: z.coerce.number().int().min(1).max(MAX_KNOWLEDGE_VERSION),
});

export const knowledgeDiffQuerySchema = z.object({
  /** the side to compare with: a version number, `current` (the entry now), or left out for the version
   * before (nothing before version 1) */
  against: z
    .union([z.literal('current'), z.coerce.number().int().min(1).max(MAX_KNOWLEDGE_VERSION)])
    .optional(),
});

/** A piece of a diff: text both sides share, or that only the new side (`added`) or the old side (`removed`) has. */
export const diffPartSchema = z.object({
  op: z.enum(['same', 'added', 'removed']),
  value: z.string(),
});
export type DiffPart = z.infer<typeof diffPartSchema>;

/** One field of an entry compared. `lines`: lists (one part per line); `text`: answers, by character in
 * Chinese and by word in English; `value`: category and enabled. */
export const knowledgeFieldDiffSchema = z.discriminatedUnion('kind', [
  z.object({
    field: z.enum(['category', 'enabled']),
    kind: z.literal('value'),
    changed: z.boolean(),
    before: z.union([z.string(), z.boolean()]).nullable(),
    after: z.union([z.string(), z.boolean()]).nullable(),
  }),
  z.object({
    field: z.enum(['questions.zh', 'questions.en', 'related']),
    kind: z.literal('lines'),
    changed: z.boolean(),
    parts: z.array(diffPartSchema),
  }),
  z.object({
    field: z.enum(['answer.zh', 'answer.en']),
    kind: z.literal('text'),
    changed: z.boolean(),
    parts: z.array(diffPartSchema),
  }),
]);
export type KnowledgeFieldDiff = z.infer<typeof knowledgeFieldDiffSchema>;

const diffSideSchema = z.object({
  /** a version number, or null for the entry as it is now (`against=current`) or nothing (before version 1) */
  version: z.number().int().nullable(),
  /** the entry on this side; null when there is none (before version 1, or `current` of a deleted entry) */
  entry: knowledgeEntryViewSchema.nullable(),
  /** this side is a deletion (its `entry` is what was deleted) or the entry is deleted now */
  deleted: z.boolean(),
});

/** How `from` (the `against` side) becomes `to` (the version asked for). */
export const knowledgeDiffSchema = z.object({
  entryId: z.string(),
  from: diffSideSchema,
  to: diffSideSchema,
  changed: z.boolean(),
  fields: z.array(knowledgeFieldDiffSchema),
});
export type KnowledgeDiff = z.infer<typeof knowledgeDiffSchema>;

export const knowledgeRollbackBodySchema = z.object({
  version: z.number().int().min(1).max(MAX_KNOWLEDGE_VERSION),
});

/**
 * A change saved: the entry, its new version (null: the save changed nothing, so no version was recorded and
 * nothing retrains), and the bot's status: the change is live once `bot.liveVersion` ≥ `bot.version` (staff
 * consoles get `bot:status` when it is live or failed).
 */
export const knowledgeChangeResultSchema = z.object({
  entry: knowledgeEntryViewSchema,
  version: knowledgeVersionSchema.nullable(),
  bot: botStatusSchema,
});
export type KnowledgeChangeResult = z.infer<typeof knowledgeChangeResultSchema>;

/** An entry deleted: its id, the `delete` version (a rollback to it restores the entry), the bot's status. */
export const knowledgeRemovedSchema = z.object({
  removed: z.string(),
  version: knowledgeVersionSchema.nullable(),
  bot: botStatusSchema,
});

export const knowledgeEnabledBodySchema = z.object({ enabled: z.boolean() }).strict();

export const knowledgeChangesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const knowledgeChangesSchema = z.object({ changes: z.array(knowledgeVersionSchema) });

// ---------------------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------------------

export const knowledgeExportFormatSchema = z.enum(['csv', 'xlsx', 'json']);
export const knowledgeExportQuerySchema = z.object({ format: knowledgeExportFormatSchema.default('csv') });

/** The columns of a CSV or XLSX file, in the order exported. Questions and related ids: one per line. */
export const knowledgeFileColumns = [
  'id',
  'category',
  'questions_zh',
  'questions_en',
  'answer_zh',
  'answer_en',
  'related',
  'enabled',
] as const;
export type KnowledgeFileColumn = (typeof knowledgeFileColumns)[number];

/** Largest file an import reads (bytes). */
export const KNOWLEDGE_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** Most entries one import may hold. */
export const KNOWLEDGE_IMPORT_MAX_ROWS = 5000;

export const knowledgeImportQuerySchema = z.object({
  /** commit: import the valid rows even when others are invalid (they are left out) */
  skipInvalid: z.stringbool().default(false),
  /** commit: the preview's `planId`; refused with `conflict` when the import would now do something else */
  planId: z
    .string()
    .regex(/^[a-f0-9]{64}$/)
    .optional(),
});

export const importRowErrorCodeSchema = z.enum([
  /** a required value is empty */
  'required',
  /** a value of the wrong form (an id with capitals, "maybe" as enabled, an unreadable cell) */
  'invalid',
  /** a text or a list over its limit */
  'too_long',
  /** the same id on an earlier row */
  'duplicate',
  /** a spreadsheet formula instead of a value */
  'formula',
]);

export const importRowErrorSchema = z.object({
  /** the column (CSV/XLSX) or the path in the entry (JSON), e.g. `answer_zh` / `answer.zh` */
  field: z.string(),
  code: importRowErrorCodeSchema,
  message: z.string(),
});

export const importRowSchema = z.object({
  /** where the user sees it: the spreadsheet row (the header is row 1), or the entry's position in a JSON
   * file (1 = the first) */
  row: z.number().int(),
  id: z.string().nullable(),
  action: z.enum(['create', 'update', 'unchanged']),
  /** the entry as it would be saved; null when the row is invalid */
  entry: knowledgeEntryViewSchema.nullable(),
  /** for `update`: the fields that change (`category`, `questions.zh`, `answer.en`, `enabled` …) */
  changes: z.array(z.string()),
  errors: z.array(importRowErrorSchema),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importSummarySchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
});

export const knowledgeImportPreviewSchema = z.object({
  format: knowledgeExportFormatSchema,
  rows: z.array(importRowSchema),
  summary: importSummarySchema,
  /** columns of the file that are not read (notes, …) */
  ignoredColumns: z.array(z.string()),
  /** fingerprint of what a commit of this file would do now: pass it to the commit as `planId` */
  planId: z.string(),
});
export type KnowledgeImportPreview = z.infer<typeof knowledgeImportPreviewSchema>;

export const knowledgeImportCommitSchema = z.object({
  summary: importSummarySchema,
  /** invalid rows left out (with `skipInvalid`) */
  skipped: z.array(z.number().int()),
  planId: z.string(),
  bot: botStatusSchema,
});

// ---------------------------------------------------------------------------------------------------------
// Try it: what the bot would do, and why
// ---------------------------------------------------------------------------------------------------------

export const botTryBodySchema = z.object({
  text: messageTextSchema,
  /** the language the customer chose in the widget; left out: read from the text */
  lang: langSchema.optional(),
});

const scoreSchema = z.number();

export const botTryResultSchema = z.object({
  /** the bot version that answered (see `GET /api/admin/bot/status`) */
  botVersion: z.number().int(),
  lang: langSchema,
  decision: z.enum(['answer', 'clarify', 'dont_know', 'handover', 'blocked']),
  /** the engine's own kind of turn */
  kind: z.enum(['answer', 'clarify', 'unknown', 'flow', 'rule', 'blocked', 'handoff', 'greeting']),
  /** which step of the bot's order of precedence decided */
  stage: z.enum(['human_first', 'rule', 'keyword', 'emotion', 'flow', 'small_talk', 'knowledge']),
  replies: z.array(
    z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), payload: z.string() })) }),
  ),
  handover: z
    .object({
      reason: z.string(),
      tier: z.enum(['agent', 'expert']),
      team: z.string().nullable(),
      detail: z.string().nullable(),
      priority: z.number(),
    })
    .nullable(),
  /** what the turn was about: an entry id, `flow:<id>`, `smalltalk.<kind>`; null when not understood */
  intent: z.object({ name: z.string(), confidence: scoreSchema }).nullable(),
  /** the matcher's ranking, best first (the first is the intent, the rest runner-ups): fused score and its
   * parts (classifier probability, similarity to the closest phrasing, share of the question in the answer) */
  candidates: z.array(
    z.object({
      kind: z.enum(['entry', 'flow']),
      id: z.string(),
      score: scoreSchema,
      classifier: scoreSchema,
      lexical: scoreSchema,
      answer: scoreSchema,
      /** the entry's first question in the turn's language, or the flow's name */
      title: z.string().nullable(),
      category: z.string().nullable(),
    }),
  ),
  /** the matcher's verdict before the dialogue policy, and its out-of-scope score (null: not searched) */
  match: z
    .object({
      outcome: z.enum(['answer', 'clarify', 'unknown']),
      outOfScope: scoreSchema,
      empty: z.boolean(),
    })
    .nullable(),
  entities: z.array(
    z.object({
      type: z.string(),
      text: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      value: z.unknown(),
    }),
  ),
  emotion: messageEmotionSchema.extend({
    signals: z.array(z.string()),
    /** whether the reading offers a person at once and the queue priority it asks for */
    escalation: z
      .object({ escalate: z.boolean(), priority: z.string(), reasons: z.array(z.string()) })
      .nullable(),
  }),
  rules: z.object({
    matched: z.array(z.object({ id: z.string(), name: z.string() })),
    tags: z.array(z.string()),
    answered: z.boolean(),
    handedOver: z.boolean(),
    blocked: z.boolean(),
  }),
  /** the words asking for a person: explicit (always hands over), mention (only when nothing answers) */
  handoffRequest: z.enum(['explicit', 'mention']).nullable(),
  flow: z
    .object({
      id: z.string(),
      outcome: z.string(),
      /** the step it waits at (or stopped at); null when it finished */
      node: z.string().nullable(),
    })
    .nullable(),
  /** business-system calls of a flow: reads (GET) are sent, anything else is not */
  httpCalls: z.array(z.object({ method: z.string(), url: z.string(), performed: z.boolean() })),
  priority: z.number(),
  tags: z.array(z.string()),
});
export type BotTryResult = z.infer<typeof botTryResultSchema>;
