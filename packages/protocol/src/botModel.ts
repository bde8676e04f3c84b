import { z } from 'zod';
import { botStatusSchema } from './admin.ts';
import { storableString } from './common.ts';

/**
 * The bot's model as admins see it: the intents it learns (knowledge entries and flows) with their example
 * phrasings, the workspace's vocabulary (user dictionary and synonym groups) and a cross-validation report.
 */

/** Where an intent comes from: an FAQ entry (intent = entry id) or a flow (intent = `flow:<id>`). */
export const intentSourceSchema = z.enum(['knowledge', 'flow']);
export type IntentSource = z.infer<typeof intentSourceSchema>;

const examplesSchema = z.object({ zh: z.array(z.string()), en: z.array(z.string()) });

export const intentSummarySchema = z.object({
  /** the label the classifier learns: the entry id, or `flow:<id>` */
  id: z.string(),
  source: intentSourceSchema,
  /** the entry's id or the flow's id */
  key: z.string(),
  /** a flow's name; an entry's first phrasing in that language (null when it has none) */
  name: z.object({ zh: z.string().nullable(), en: z.string().nullable() }),
  /** the entry's category; null for a flow */
  category: z.string().nullable(),
  /** false: an entry switched off, or a flow with no running version; the bot does not learn it */
  enabled: z.boolean(),
  /** false: a flow switched off (saving examples would switch it on: turn it on first under Flows) */
  editable: z.boolean(),
  examples: examplesSchema,
});
export type IntentSummary = z.infer<typeof intentSummarySchema>;

export const intentListSchema = z.object({ intents: z.array(intentSummarySchema), bot: botStatusSchema });
export type IntentList = z.infer<typeof intentListSchema>;

export const intentParamsSchema = z.object({
  source: intentSourceSchema,
  key: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
});

const exampleText = storableString().trim().min(1).max(200);

/** The intent's examples as they should be: saved as a new version of the entry or the flow. */
export const intentExamplesBodySchema = z
  .object({
    examples: z.object({ zh: z.array(exampleText).max(200), en: z.array(exampleText).max(200) }).strict(),
  })
  .strict();
export type IntentExamplesBody = z.infer<typeof intentExamplesBodySchema>;

export const intentSavedSchema = z.object({
  intent: intentSummarySchema,
  /** the knowledge entry's new version, or the flow definition's; null when nothing changed */
  version: z.number().int().nullable(),
  bot: botStatusSchema,
});
export type IntentSaved = z.infer<typeof intentSavedSchema>;

// ---------------------------------------------------------------------------------------------------------
// Vocabulary: the settings document's `vocabulary`
// ---------------------------------------------------------------------------------------------------------

const vocabularyWord = storableString().trim().min(1).max(50);

/** The same limits as the settings document's `vocabulary` (packages/engine/src/dialog/settings.ts). */
export const vocabularySchema = z
  .object({
    /** words the Chinese segmenter keeps whole */
    words: z.array(vocabularyWord).max(5000),
    /** groups of words that mean the same here; the first is the one the bot learns */
    synonyms: z.array(z.array(vocabularyWord).min(2).max(30)).max(2000),
  })
  .strict();
export type Vocabulary = z.infer<typeof vocabularySchema>;

export const vocabularyViewSchema = z.object({
  vocabulary: vocabularySchema,
  /** the running settings version it comes from; null when the workspace has no settings document */
  version: z.number().int().nullable(),
  bot: botStatusSchema,
});
export type VocabularyView = z.infer<typeof vocabularyViewSchema>;

// ---------------------------------------------------------------------------------------------------------
// Model report: stratified k-fold cross-validation of the workspace's training data
// ---------------------------------------------------------------------------------------------------------

export const reportIntentSchema = z.object({
  /** an intent id, or `oos` (out of scope: the bot would not answer) */
  intent: z.string(),
  source: z.enum(['knowledge', 'flow', 'oos']),
  key: z.string(),
  name: z.object({ zh: z.string().nullable(), en: z.string().nullable() }),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  /** its examples in the data */
  support: z.number().int(),
});
export type ReportIntent = z.infer<typeof reportIntentSchema>;

export const confusionPairSchema = z.object({
  expected: z.string(),
  /** an intent id, or `oos` when the bot would not have answered */
  predicted: z.string(),
  count: z.number().int(),
  /** the examples of `expected` predicted as `predicted` (at most 10) */
  examples: z.array(z.string()),
});
export type ConfusionPairView = z.infer<typeof confusionPairSchema>;

export const modelReportSchema = z.object({
  createdAt: z.string(),
  /** the examples cross-validated (every phrasing of every intent the bot learns) */
  examples: z.number().int(),
  intents: z.number().int(),
  folds: z.number().int(),
  /** share of examples predicted exactly (a refusal of an in-scope example is wrong) */
  accuracy: z.number(),
  macroF1: z.number(),
  /**
   * the out-of-scope threshold the models chose (mean over the folds: a message scoring at or above it gets
   * "I don't know") and the share of the examples refused at it
   */
  threshold: z.object({ value: z.number(), refused: z.number() }),
  /** worst F1 first */
  perIntent: z.array(reportIntentSchema),
  /** most frequent first (at most 100) */
  confusions: z.array(confusionPairSchema),
  /** training time of each fold, ms */
  trainMs: z.array(z.number()),
});
export type ModelReport = z.infer<typeof modelReportSchema>;

/** Why a report could not be made: too little data to cross-validate, or the training failed. */
export const reportErrorCodeSchema = z.enum(['not_enough_data', 'training_failed']);

export const reportJobSchema = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  report: modelReportSchema.nullable(),
  error: z.object({ code: reportErrorCodeSchema, message: z.string() }).nullable(),
});
export type ReportJob = z.infer<typeof reportJobSchema>;

/** The workspace's latest report job (kept in the server's memory; null before the first run). */
export const reportStateSchema = z.object({ job: reportJobSchema.nullable() });
export type ReportState = z.infer<typeof reportStateSchema>;

export const reportQuerySchema = z.object({
  /** while a job runs, wait up to this long for it to end before answering (0: answer at once) */
  waitMs: z.coerce.number().int().min(0).max(10_000).default(0),
});
