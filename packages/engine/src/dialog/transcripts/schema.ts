import { z } from 'zod';

const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** What a `bot:` turn may expect; every key is optional, each given key must hold. */
export const botExpectationSchema = z
  .object({
    kind: z
      .enum(['answer', 'clarify', 'unknown', 'flow', 'rule', 'blocked', 'handoff', 'greeting'])
      .optional(),
    intent: z.string().nullable().optional(),
    contains: oneOrMany.optional(),
    not_contains: oneOrMany.optional(),
    /** labels that must be among the buttons; `[]` means no buttons at all */
    buttons: z.array(z.string()).optional(),
    min_buttons: z.number().int().min(0).optional(),
    /** a basic emotion (anger, joy…) or a fine-grained state (frustration, gratitude…) */
    emotion: z.string().optional(),
    polarity: z.enum(['negative', 'neutral', 'positive']).optional(),
    /** false: no handover; true: any; a string: that reason */
    handoff: z.union([z.boolean(), z.string()]).optional(),
    tier: z.enum(['agent', 'expert']).optional(),
    min_priority: z.number().int().optional(),
    tags: z.array(z.string()).optional(),
    flow: z.object({ id: z.string().optional(), outcome: z.string().optional() }).optional(),
    /** dotted paths into the flow's variables, e.g. `order.status: shipped` */
    vars: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type BotExpectation = z.output<typeof botExpectationSchema>;

export const transcriptSchema = z
  .object({
    name: z.string().min(1),
    /** the workspace definition file, relative to the transcript (default: workspace.yml beside it) */
    workspace: z.string().optional(),
    lang: z.enum(['zh', 'en']).optional(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    turns: z
      .array(z.object({ customer: z.string().min(1), bot: botExpectationSchema.default({}) }).strict())
      .min(1),
  })
  .strict();
export type Transcript = z.output<typeof transcriptSchema>;

/** Where a workspace's parts are, relative to the workspace file. */
export const workspaceFileSchema = z
  .object({
    knowledge: z.string(),
    flows: z.string().optional(),
    rules: z.string().optional(),
    settings: z.string().optional(),
    /** a module exporting `start(): Promise<{ url: string; close(): Promise<void> }>`: the business API flows call */
    api: z.string().optional(),
  })
  .strict();
export type WorkspaceFile = z.output<typeof workspaceFileSchema>;
