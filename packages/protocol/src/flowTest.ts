import { z } from 'zod';
import { langSchema, messageTextSchema, storableString } from './common.ts';

/** Messages in one test conversation with a draft flow (each request replays them all). */
export const MAX_FLOW_TEST_MESSAGES = 20;

/**
 * A flow not saved yet: its text as the source editor has it, or the document the form edits (the flow as
 * written: no defaults added).
 */
export const flowDraftSchema = z.union([
  z.strictObject({
    format: z.enum(['json', 'yaml']),
    source: storableString().min(1).max(200_000),
  }),
  z.strictObject({ document: z.record(z.string(), z.unknown()) }),
]);
export type FlowDraft = z.infer<typeof flowDraftSchema>;

/** One problem of a flow at the path of the field at fault (`nodes.ask_order.next`; "" is the whole flow). */
export const flowProblemSchema = z.object({ path: z.string(), message: z.string() });
export type FlowDraftProblem = z.infer<typeof flowProblemSchema>;

export const flowValidateBodySchema = z.object({ draft: flowDraftSchema });

/** Errors block saving; warnings (unreachable nodes, loops that never wait…) do not. */
export const flowValidateResultSchema = z.object({
  /** the flow's id when it could be read */
  id: z.string().nullable(),
  errors: z.array(flowProblemSchema),
  warnings: z.array(flowProblemSchema),
});
export type FlowValidateResult = z.infer<typeof flowValidateResultSchema>;

export const flowTestBodySchema = z.object({
  draft: flowDraftSchema,
  /** the customer's messages so far, oldest first: the conversation is run again from its start */
  messages: z
    .array(z.object({ text: messageTextSchema }))
    .min(1)
    .max(MAX_FLOW_TEST_MESSAGES),
  /** the language the customer chose in the widget; left out: read from each message */
  lang: langSchema.optional(),
});
export type FlowTestBody = z.infer<typeof flowTestBodySchema>;

export const flowTestTurnSchema = z.object({
  /** the customer's message */
  text: z.string(),
  lang: langSchema,
  /** the engine's own kind of turn */
  kind: z.enum(['answer', 'clarify', 'unknown', 'flow', 'rule', 'blocked', 'handoff', 'greeting']),
  /** which step of the bot's order of precedence decided */
  stage: z.enum(['human_first', 'rule', 'keyword', 'emotion', 'flow', 'small_talk', 'knowledge']),
  replies: z.array(
    z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), payload: z.string() })) }),
  ),
  /** an entry id, `flow:<id>`, `smalltalk.<kind>`; null when not understood */
  intent: z.object({ name: z.string(), confidence: z.number() }).nullable(),
  /** the flow this turn ran: where it waits now (null once it is over), its outcome, its variables and
   * slots (sensitive ones masked) */
  flow: z
    .object({
      id: z.string(),
      outcome: z.string(),
      node: z.string().nullable(),
      vars: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  handover: z
    .object({ tier: z.enum(['agent', 'expert']), team: z.string().nullable(), detail: z.string().nullable() })
    .nullable(),
  /** business-system calls: GET is sent (within the allow-list), other methods are not (`performed: false`) */
  httpCalls: z.array(z.object({ method: z.string(), url: z.string(), performed: z.boolean() })),
});
export type FlowTestTurn = z.infer<typeof flowTestTurnSchema>;

export const flowTestResultSchema = z.object({
  turns: z.array(flowTestTurnSchema),
  /** the bot handed over: a person would answer the rest, so later messages were not run */
  handedOver: z.boolean(),
});
export type FlowTestResult = z.infer<typeof flowTestResultSchema>;
