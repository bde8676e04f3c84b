import { z } from 'zod';
import { idSchema, storableString } from './common.ts';
import { authorKindSchema, conversationStatusSchema } from './conversation.ts';

const optionalText = (max: number) =>
  storableString()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A day (`2025-03-01`, a whole UTC day) or an instant with its offset (`2025-03-01T08:00:00+08:00`). */
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const DAY_MS = 86_400_000;
const isDay = (value: string) => value.length === 10;

/**
 * The time range of a search, as instants: `from` inclusive (a day from its UTC midnight), `to` exclusive
 * (a day up to the end of that UTC day).
 */
export function searchTimeRange(from?: string, to?: string): { from: Date | null; to: Date | null } {
  const start = from ? new Date(isDay(from) ? `${from}T00:00:00Z` : from) : null;
  const end = to ? new Date(Date.parse(isDay(to) ? `${to}T00:00:00Z` : to) + (isDay(to) ? DAY_MS : 0)) : null;
  return { from: start, to: end };
}

/** Where the next page starts; opaque to clients (pass back `nextCursor` as it came). */
export const SEARCH_CURSOR_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** a real instant (no 30 February), as the server wrote it */
const realInstant = (cursor: string) => {
  const date = new Date(`${cursor.slice(0, 23)}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === cursor.slice(0, 19);
};

/**
 * GET /api/conversations/search. Every filter is optional and they combine (AND):
 * `q` text in a message (customer, bot, agent or an internal note; case-insensitive); `customer` part of the
 * customer's name, e-mail or customer id; `tag` a conversation tag or disposition; `from`/`to` when it was
 * active (with `q`: when the matching message was written; a day as `to` includes that day); `agentId` its
 * assignee or last person; `status`. `from` is inclusive, `to` exclusive (see `searchTimeRange`).
 */
export const conversationSearchQuerySchema = z
  .object({
    q: optionalText(200),
    customer: optionalText(100),
    tag: optionalText(64),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    agentId: idSchema.optional(),
    status: conversationStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z
      .string()
      .regex(SEARCH_CURSOR_PATTERN, 'pass back the nextCursor of a search')
      .refine(realInstant, 'pass back the nextCursor of a search')
      .optional(),
  })
  .refine(
    (query) => {
      const range = searchTimeRange(query.from, query.to);
      return !range.from || !range.to || range.from < range.to;
    },
    { message: '"from" must be before "to"', path: ['from'] },
  );
export type ConversationSearchQuery = z.infer<typeof conversationSearchQuerySchema>;

export const conversationSearchHitSchema = z.object({
  id: idSchema,
  status: conversationStatusSchema,
  customer: z.object({
    id: idSchema,
    /** the contact's name, else their e-mail or customer id; null when none is known */
    name: z.string().nullable(),
  }),
  assignee: z.object({ id: idSchema, name: z.string() }).nullable(),
  /** the last person who served it (also after it ended) */
  lastAgent: z.object({ id: idSchema, name: z.string() }).nullable(),
  tags: z.array(z.string()),
  disposition: z.array(z.string()),
  lastActivityAt: z.string(),
  /** with `q`: the newest message that contains it, and up to 160 characters around the match */
  match: z
    .object({
      messageId: idSchema,
      seq: z.number().int(),
      authorKind: authorKindSchema,
      internal: z.boolean(),
      snippet: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
});
export type ConversationSearchHit = z.infer<typeof conversationSearchHitSchema>;

/** Newest activity first; `nextCursor` null on the last page. */
export const conversationSearchResponseSchema = z.object({
  results: z.array(conversationSearchHitSchema),
  nextCursor: z.string().nullable(),
});
export type ConversationSearchResponse = z.infer<typeof conversationSearchResponseSchema>;
