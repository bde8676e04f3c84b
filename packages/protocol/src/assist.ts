import { z } from 'zod';
import { langSchema } from './common.ts';

/** A knowledge-base answer offered to the agent for the customer's last message. */
export const assistSuggestionSchema = z.object({
  /** the knowledge entry's id */
  entryId: z.string(),
  /** the entry's first question, in `lang` (the other language when it has none) */
  question: z.string(),
  /** the entry's answer, in `lang` (the other language when it has none) */
  answer: z.string(),
  /** how well it matches, 0..1 (the bot's own fused score) */
  score: z.number(),
});
export type AssistSuggestion = z.infer<typeof assistSuggestionSchema>;

/**
 * GET /api/conversations/:id/assist: up to three answers for the customer's last message, best first; none
 * when nothing matches or the customer has not written yet.
 */
export const assistResponseSchema = z.object({
  /** the conversation's language: the one the bot would answer this message in */
  lang: langSchema,
  /** seq of the customer message the suggestions are for (null: no customer message yet) */
  messageSeq: z.number().int().nullable(),
  suggestions: z.array(assistSuggestionSchema),
});
export type AssistResponse = z.infer<typeof assistResponseSchema>;
