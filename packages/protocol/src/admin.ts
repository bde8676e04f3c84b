import { z } from 'zod';
import { storableString } from './common.ts';

/** Versions are PostgreSQL `integer`s. */
export const MAX_DEFINITION_VERSION = 2_147_483_647;

/** Staff edit the bot's flows, rules and settings as JSON or YAML documents; every save is a new version. */
export const definitionKindSchema = z.enum(['flow', 'rules', 'settings']);
export type DefinitionKind = z.infer<typeof definitionKindSchema>;

export const definitionBodySchema = z.object({
  format: z.enum(['json', 'yaml']).default('yaml'),
  source: storableString().min(1).max(200_000),
});
export type DefinitionBody = z.infer<typeof definitionBodySchema>;

export const definitionParamsSchema = z.object({
  kind: definitionKindSchema,
  key: z.string().regex(/^[a-z0-9_-]{1,64}$/),
});

export const definitionVersionSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  format: z.enum(['json', 'yaml']),
  source: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const definitionSavedSchema = z.object({
  kind: definitionKindSchema,
  key: z.string(),
  version: z.number().int(),
});

export const definitionListSchema = z.object({ definitions: z.array(definitionVersionSchema) });

export const activateBodySchema = z.object({
  /** the version to run from now on; null switches the definition off */
  version: z.number().int().min(1).max(MAX_DEFINITION_VERSION).nullable(),
});

const bilingualQuestions = z.object({
  zh: z.array(storableString().trim().min(1).max(200)).max(50),
  en: z.array(storableString().trim().min(1).max(200)).max(50),
});

/** One FAQ entry of the knowledge base: several phrasings per language, an answer per language, related entries. */
export const knowledgeEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'ids are lowercase letters, digits, ".", "_" and "-"'),
    category: storableString().trim().min(1).max(40),
    questions: bilingualQuestions.refine((q) => q.zh.length + q.en.length > 0, 'at least one phrasing'),
    answer: z.object({
      zh: storableString().trim().min(1).max(2000),
      en: storableString().trim().min(1).max(2000),
    }),
    related: z.array(storableString().max(64)).max(10).default([]),
    /** false: kept and versioned, but the bot does not answer from it. Left out of a save: unchanged (a new
     * entry is enabled); always present in what the server sends. */
    enabled: z.boolean().optional(),
  })
  .strict();
export type KnowledgeEntryBody = z.infer<typeof knowledgeEntrySchema>;

export const knowledgeParamsSchema = z.object({ id: z.string().regex(/^[a-z0-9_.-]{1,64}$/) });
export const knowledgeListSchema = z.object({ entries: z.array(knowledgeEntrySchema) });

/** The workspace's identity-verification secret (admins only): the shop's backend signs customer ids with it. */
export const identitySecretSchema = z.object({ secret: z.string() });
export type IdentitySecret = z.infer<typeof identitySecretSchema>;

/** A workspace's bot after a change of knowledge, flows or settings: training, live (every change up to
 * `version` answers), or failed (the previous bot keeps answering; `error` says why). */
export const botStatusSchema = z.object({
  state: z.enum(['training', 'live', 'failed']),
  version: z.number().int(),
  liveVersion: z.number().int(),
  error: z.string().optional(),
});
