import { z } from 'zod';

/** A saved FlowState as the server gives it back; anything else is not resumed. */
export const flowStateSchema = z.object({
  flowId: z.string(),
  node: z.string(),
  vars: z.record(z.string(), z.unknown()),
  slots: z.record(z.string(), z.unknown()),
  retries: z.number().int().min(0),
  steps: z.number().int().min(0),
  awaiting: z.object({ kind: z.enum(['ask', 'confirm']), node: z.string() }).nullable(),
  response: z.unknown().optional(),
});
