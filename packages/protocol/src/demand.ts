import { z } from 'zod';

/** A demand-mining run (docs/mining.md): in progress, done, or failed (the last good results stay shown). */
export const demandRunSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  windowDays: z.number().int(),
  questions: z.number().int(),
  topics: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type DemandRun = z.infer<typeof demandRunSchema>;

/** A topic: unanswered questions that ask the same thing, with what is known about them. */
export const demandTopicSchema = z.object({
  id: z.string(),
  title: z.string(),
  keywords: z.array(z.string()),
  /** questions in the window */
  questions: z.number().int(),
  /** in the last 7 days, and in the 7 days before */
  recent: z.number().int(),
  previous: z.number().int(),
  /** questions per day over the window, oldest first (the last day is today, UTC) */
  trend: z.array(z.number().int()),
  /** the most typical questions (sensitive numbers masked) */
  representatives: z.array(z.string()),
  /** the teams whose people handled these conversations, most first */
  teams: z.array(z.object({ teamId: z.string(), name: z.string(), count: z.number().int() })),
  /** a person answered some of these questions: the FAQ draft starts from their best answer */
  hasAgentAnswer: z.boolean(),
  isNew: z.boolean(),
  isSpike: z.boolean(),
  /** covered: the FAQ entry that now answers it (made from it, or matching its questions), else null */
  coveredBy: z.string().nullable(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type DemandTopic = z.infer<typeof demandTopicSchema>;

export const demandOverviewSchema = z.object({
  /** the newest run, whatever its state */
  run: demandRunSchema.nullable(),
  /** the run the topics are from (the newest finished one) */
  resultsOf: demandRunSchema.nullable(),
  topics: z.array(demandTopicSchema),
});
export type DemandOverview = z.infer<typeof demandOverviewSchema>;

/** The longest window a demand run reads (days): bounds what one run reads and holds. */
export const MAX_WINDOW_DAYS = 90;

export const demandRunBodySchema = z
  .object({ windowDays: z.number().int().min(1).max(MAX_WINDOW_DAYS).optional() })
  .strict();

export const demandRunStartedSchema = z.object({
  run: demandRunSchema,
  /** false: a run was already in progress; this is that one */
  started: z.boolean(),
});

export const demandTopicParamsSchema = z.object({ id: z.uuid() });

export const demandDraftQuerySchema = z.object({
  /** add the topic's phrasings to this existing entry instead of drafting a new one */
  entry: z
    .string()
    .regex(/^[a-z0-9_.-]{1,64}$/)
    .optional(),
});

/**
 * A knowledge entry drafted from a topic, for the admin to review in the Knowledge editor before saving:
 * its phrasings, and a person's best answer as the answer where there is one (empty where not).
 */
export const demandDraftSchema = z.object({
  topicId: z.string(),
  mode: z.enum(['new', 'merge']),
  entry: z.object({
    id: z.string(),
    category: z.string(),
    questions: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
    answer: z.object({ zh: z.string(), en: z.string() }),
    related: z.array(z.string()),
    enabled: z.boolean().optional(),
  }),
});
export type DemandDraft = z.infer<typeof demandDraftSchema>;

export const demandLinkBodySchema = z
  .object({
    entryId: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
  })
  .strict();

export const demandLinkedSchema = z.object({ topicId: z.string(), coveredBy: z.string() });

/** How the answers of one FAQ entry, flow or other intent fared (docs/mining.md "Quality loop"). */
export const answerQualitySchema = z.object({
  kind: z.enum(['entry', 'flow', 'intent']),
  key: z.string(),
  /** the entry's first phrasing in each language (the other language's, else the key, where it has none) */
  title: z.object({ zh: z.string(), en: z.string() }),
  matched: z.number().int(),
  handoffs: z.number().int(),
  repeats: z.number().int(),
  negatives: z.number().int(),
  /** answers followed by at least one of the three */
  failures: z.number().int(),
  failureRate: z.number(),
});
export type AnswerQuality = z.infer<typeof answerQualitySchema>;

export const answerQualityQuerySchema = z.object({
  kind: z.enum(['entry', 'flow', 'intent']).optional(),
  /** answers given fewer times than this are left out (default 3) */
  minMatched: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const answerQualityListSchema = z.object({
  resultsOf: demandRunSchema.nullable(),
  /** worst first: ranked by the lower bound of the failure rate's 95% interval */
  items: z.array(answerQualitySchema),
});
