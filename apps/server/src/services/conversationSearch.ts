import type { User } from '@tandem/domain';
import {
  type ConversationSearchHit,
  type ConversationSearchQuery,
  type ConversationSearchResponse,
  searchTimeRange,
} from '@tandem/protocol';
import type { ConversationSearchRow } from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { snippetAround } from './snippet.ts';

/** The cursor is the last row's activity (UTC, microseconds) and id: `2025-03-01T08:00:00.123456_<uuid>`. */
const cursorOf = (row: ConversationSearchRow) => `${row.cursorAt}_${row.id}`;
const AT_LENGTH = 'YYYY-MM-DDTHH:MM:SS.uuuuuu'.length;
const parseCursor = (cursor: string) => ({ at: cursor.slice(0, AT_LENGTH), id: cursor.slice(AT_LENGTH + 1) });

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

function present(row: ConversationSearchRow, q: string | undefined): ConversationSearchHit {
  const { contact, match } = row;
  return {
    id: row.id,
    status: row.status,
    customer: {
      id: contact.id,
      name: text(contact.name) ?? text(contact.attributes.email) ?? text(contact.attributes.customerId),
    },
    assignee: row.assignee,
    lastAgent: row.lastAgent,
    tags: row.tags,
    disposition: row.disposition,
    lastActivityAt: row.lastActivityAt.toISOString(),
    match: match
      ? {
          messageId: match.messageId,
          seq: match.seq,
          authorKind: match.authorKind,
          internal: match.internal,
          snippet: snippetAround(match.text, q),
          createdAt: match.createdAt.toISOString(),
        }
      : null,
  };
}

/**
 * Conversation search: the conversations of my workspace that match every filter given, newest activity
 * first, a page at a time. Every staff role sees the whole workspace, as in the inbox
 * (`GET /api/conversations`); internal notes are searched too, since staff see them.
 */
export async function searchConversations(
  ctx: AppContext,
  user: User,
  query: ConversationSearchQuery,
): Promise<ConversationSearchResponse> {
  const range = searchTimeRange(query.from, query.to);
  const rows = await ctx.store.conversationSearch.search(user.workspaceId, {
    text: query.q,
    customer: query.customer,
    tag: query.tag,
    from: range.from,
    to: range.to,
    agentId: query.agentId,
    status: query.status,
    after: query.cursor ? parseCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    results: page.map((row) => present(row, query.q)),
    nextCursor: rows.length > query.limit && last ? cursorOf(last) : null,
  };
}
