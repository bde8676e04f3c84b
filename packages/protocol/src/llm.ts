import { z } from 'zod';
import { idSchema } from './common.ts';

/** What a workspace's language model is used for; each can be switched off on its own. */
export const llmFeaturesSchema = z.object({
  /** answer questions the FAQ and intents do not cover from documents, citing them */
  groundedAnswers: z.boolean().default(true),
  /**
   * the provider's embeddings are extra evidence in the bot's intent and FAQ matching and its out-of-scope
   * decision, weighed on the workspace's own phrasings (an unhelpful model counts for nothing)
   */
  botEmbeddings: z.boolean().default(true),
  /** reply suggestions, summaries and draft rewrites for agents */
  agentAssist: z.boolean().default(true),
  /** words an answer must never contain (it is then not sent; the bot answers without the model) */
  blocklist: z.array(z.string().trim().min(1).max(60)).max(200).default([]),
  /** the longest answer sent to a customer, in characters */
  maxAnswerChars: z.number().int().min(50).max(4000).default(800),
});
export type LlmFeatures = z.infer<typeof llmFeaturesSchema>;

const baseUrlSchema = z
  .url({ message: 'a URL such as https://api.deepseek.com/v1' })
  .max(300)
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');

/**
 * PUT /api/admin/llm: the provider settings. `apiKey`: a string sets the key, null removes it, absent keeps
 * the stored one (the key is never sent back).
 */
export const llmSettingsBodySchema = z.object({
  enabled: z.boolean(),
  baseUrl: baseUrlSchema,
  chatModel: z.string().trim().min(1).max(120),
  embeddingModel: z.string().trim().min(1).max(120).nullable(),
  apiKey: z.string().trim().min(1).max(500).nullable().optional(),
  timeoutMs: z.number().int().min(500).max(120_000),
  dailyTokenBudget: z.number().int().min(0).max(1_000_000_000),
  features: llmFeaturesSchema,
});
export type LlmSettingsBody = z.input<typeof llmSettingsBodySchema>;

/** GET /api/admin/llm: the settings as admins see them — whether a key is stored, never the key. */
export const llmSettingsViewSchema = z.object({
  enabled: z.boolean(),
  baseUrl: z.string(),
  chatModel: z.string(),
  embeddingModel: z.string().nullable(),
  hasApiKey: z.boolean(),
  timeoutMs: z.number().int(),
  dailyTokenBudget: z.number().int(),
  features: llmFeaturesSchema,
  /** tokens spent today (UTC) */
  tokensToday: z.number().int(),
  /** the circuit breaker: open while the provider keeps failing (the bot answers without it) */
  circuit: z.enum(['closed', 'open', 'half-open']),
  /** false until an admin saves settings (the defaults shown are a starting point) */
  saved: z.boolean(),
});
export type LlmSettingsView = z.infer<typeof llmSettingsViewSchema>;

/** POST /api/admin/llm/test: one small call with the saved settings. */
export const llmTestResultSchema = z.object({
  ok: z.boolean(),
  outcome: z.string(),
  latencyMs: z.number().int(),
  /** the model's answer to the test prompt (ok) */
  sample: z.string().nullable(),
  embeddings: z.enum(['ok', 'failed', 'not_configured']),
});
export type LlmTestResult = z.infer<typeof llmTestResultSchema>;

export const llmCallSchema = z.object({
  purpose: z.string(),
  model: z.string(),
  outcome: z.string(),
  latencyMs: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  at: z.string(),
});
export const llmCallListSchema = z.object({ calls: z.array(llmCallSchema) });
export type LlmCall = z.infer<typeof llmCallSchema>;

// ---- documents ----
export const documentFormatSchema = z.enum(['markdown', 'html', 'text', 'pdf', 'docx']);
export type DocumentFormat = z.infer<typeof documentFormatSchema>;

export const documentViewSchema = z.object({
  id: idSchema,
  title: z.string(),
  source: z.enum(['upload', 'url']),
  url: z.string().nullable(),
  format: documentFormatSchema,
  size: z.number().int(),
  chunkCount: z.number().int(),
  /** every chunk has an embedding (vector search covers it) */
  embedded: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentView = z.infer<typeof documentViewSchema>;
export const documentListSchema = z.object({ documents: z.array(documentViewSchema) });
export const documentResultSchema = z.object({ document: documentViewSchema });
export const documentParamsSchema = z.object({ id: idSchema });
export const documentRemovedSchema = z.object({ removed: z.literal(true) });

/** The largest document file accepted (upload or fetch). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** POST /api/admin/documents/upload?name=…: the file is the body (application/octet-stream). */
export const documentUploadQuerySchema = z.object({
  /** the file's name: its extension says the format when the content does not (.md, .txt, .html) */
  name: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(200).optional(),
  /** replace this document (re-index) instead of adding one */
  replace: idSchema.optional(),
});
export const documentFetchBodySchema = z.object({
  url: z
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://'),
  title: z.string().trim().min(1).max(200).optional(),
});

export const documentSearchQuerySchema = z.object({ q: z.string().trim().min(1).max(500) });
export const documentPassageSchema = z.object({
  documentId: idSchema,
  title: z.string(),
  url: z.string().nullable(),
  heading: z.string(),
  text: z.string(),
  score: z.number(),
});
export type DocumentPassage = z.infer<typeof documentPassageSchema>;
export const documentSearchResultSchema = z.object({
  mode: z.enum(['lexical', 'hybrid']),
  passages: z.array(documentPassageSchema),
});
export const documentChunksSchema = z.object({
  chunks: z.array(z.object({ position: z.number().int(), heading: z.string(), text: z.string() })),
});

// ---- the widget: a bot answer as it is written, and its sources ----
/** A source an answer was taken from, shown under it in the widget (`message.meta.sources`). */
export const answerSourceSchema = z.object({
  title: z.string(),
  heading: z.string(),
  url: z.string().nullable(),
});
export type AnswerSource = z.infer<typeof answerSourceSchema>;

/**
 * `bot:stream` (server → widget): a bot answer while the model writes it, in pieces. `seq` counts the events
 * of one stream from 0; `append: true`: `text` continues the text as of event `seq - 1` (a client that missed
 * that event keeps what it has and waits); `append: false`: `text` is everything so far (the first event, and
 * the one a widget gets when it connects or reconnects mid-answer). `done` ends it (the stored message
 * follows as `message:new` with `meta.streamId` equal to `streamId`, and replaces it); `discard` withdraws it
 * (the bot answers another way). Clients that do not know the event ignore it and see only the stored message.
 */
export const botStreamSchema = z.object({
  conversationId: idSchema,
  streamId: z.string(),
  seq: z.number().int().min(0),
  text: z.string(),
  append: z.boolean(),
  done: z.boolean(),
  discard: z.boolean(),
});
export type BotStream = z.infer<typeof botStreamSchema>;

// ---- agent assist with the model ----
export const draftRewriteBodySchema = z.object({
  text: z.string().trim().min(1).max(4000),
  action: z.enum(['warmer', 'concise', 'translate']),
  /** translate: into this language */
  target: z.enum(['zh', 'en']).optional(),
});
export const draftRewriteResultSchema = z.object({ text: z.string() });
export const replySuggestionsSchema = z.object({
  /** drafts written by the model from the knowledge base and documents (empty without a provider) */
  drafts: z.array(z.object({ text: z.string(), sources: z.array(answerSourceSchema) })),
});
