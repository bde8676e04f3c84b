import type { ConversationStatus } from '@tandem/protocol';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../database.ts';
import { ilikeContains } from './like.ts';
import { json } from './mappers.ts';

/** What staff search conversations by; every filter optional, all combined. */
export interface ConversationSearchFilter {
  /** in a message's text (customer, bot, agent, internal notes; not system notices) */
  text?: string | undefined;
  /** in the contact's name, e-mail or customer id */
  customer?: string | undefined;
  /** one of the conversation's tags or disposition tags */
  tag?: string | undefined;
  /** with `text`: when the message was written; else when the conversation was active ([from, to)) */
  from?: Date | null | undefined;
  to?: Date | null | undefined;
  /** its assignee or last person */
  agentId?: string | undefined;
  status?: ConversationStatus | undefined;
  /** the page after this one (`at`: last activity as UTC text with microseconds) */
  after?: { at: string; id: string } | undefined;
  limit: number;
}

type Named = { id: string; name: string } | null;

export interface ConversationSearchRow {
  id: string;
  status: ConversationStatus;
  contact: { id: string; name: string | null; attributes: Record<string, string | number | boolean> };
  assignee: Named;
  lastAgent: Named;
  tags: string[];
  disposition: string[];
  lastActivityAt: Date;
  /** the last activity exactly (microseconds, UTC), for the next page's cursor */
  cursorAt: string;
  /** with `text`: the newest message containing it */
  match: {
    messageId: string;
    seq: number;
    authorKind: 'customer' | 'bot' | 'agent';
    internal: boolean;
    text: string;
    createdAt: Date;
  } | null;
}

const named = (id: string | null, name: string | null): Named => (id && name !== null ? { id, name } : null);

/**
 * Conversation search for staff: newest activity first, paged by (last activity, id). Walks a workspace's
 * conversations newest first and, with a text, looks in each one's messages for the newest that contains it
 * (case-insensitive ILIKE, Chinese and English alike), so a page stops as soon as it is full.
 */
export function conversationSearchRepository(db: Db) {
  return {
    async search(workspaceId: string, filter: ConversationSearchFilter): Promise<ConversationSearchRow[]> {
      const { text, from, to } = filter;
      const rows = await db
        .selectFrom('conversations as c')
        .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
        .leftJoin('users as a', 'a.id', 'c.assignee_id')
        .leftJoin('users as la', 'la.id', 'c.last_agent_id')
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom('messages as m')
              .select(['m.id', 'm.seq', 'm.text', 'm.author_kind', 'm.internal', 'm.created_at'])
              .whereRef('m.conversation_id', '=', 'c.id')
              .where((inner) => {
                if (text === undefined) return sql<SqlBool>`false`;
                const conditions: Expression<SqlBool>[] = [
                  inner('m.author_kind', '<>', 'system'),
                  ilikeContains(inner.ref('m.text'), text),
                ];
                if (from) conditions.push(inner('m.created_at', '>=', from));
                if (to) conditions.push(inner('m.created_at', '<', to));
                return inner.and(conditions);
              })
              .orderBy('m.seq', 'desc')
              .limit(1)
              .as('hit'),
          (join) => join.onTrue(),
        )
        .select([
          'c.id',
          'c.status',
          'c.contact_id',
          'c.tags',
          'c.disposition',
          'c.updated_at',
          'c.assignee_id',
          'c.last_agent_id',
          'ct.name as contact_name',
          'ct.attributes as contact_attributes',
          'a.name as assignee_name',
          'la.name as last_agent_name',
          'hit.id as hit_id',
          'hit.seq as hit_seq',
          'hit.text as hit_text',
          'hit.author_kind as hit_author_kind',
          'hit.internal as hit_internal',
          'hit.created_at as hit_created_at',
        ])
        .select(
          sql<string>`to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`.as('cursor_at'),
        )
        .where('c.workspace_id', '=', workspaceId)
        .where((eb) => {
          const conditions: Expression<SqlBool>[] = [];
          if (text !== undefined) conditions.push(eb('hit.id', 'is not', null));
          else {
            if (from) conditions.push(eb('c.updated_at', '>=', from));
            if (to) conditions.push(eb('c.created_at', '<', to));
          }
          if (filter.customer !== undefined) {
            const customer = filter.customer;
            conditions.push(
              eb.or([
                ilikeContains(eb.ref('ct.name'), customer),
                ilikeContains(sql`ct.attributes ->> 'email'`, customer),
                ilikeContains(sql`ct.attributes ->> 'customerId'`, customer),
              ]),
            );
          }
          if (filter.tag !== undefined) {
            const tag = JSON.stringify([filter.tag]);
            conditions.push(sql<SqlBool>`(c.tags @> ${tag}::jsonb or c.disposition @> ${tag}::jsonb)`);
          }
          if (filter.agentId !== undefined)
            conditions.push(
              eb.or([eb('c.assignee_id', '=', filter.agentId), eb('c.last_agent_id', '=', filter.agentId)]),
            );
          if (filter.status !== undefined) conditions.push(eb('c.status', '=', filter.status));
          if (filter.after)
            conditions.push(
              sql<SqlBool>`(c.updated_at, c.id) < ((${filter.after.at})::timestamp at time zone 'UTC', ${filter.after.id}::uuid)`,
            );
          return eb.and(conditions);
        })
        .orderBy('c.updated_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        status: row.status,
        contact: {
          id: row.contact_id,
          name: row.contact_name,
          attributes: json(row.contact_attributes),
        },
        assignee: named(row.assignee_id, row.assignee_name),
        lastAgent: named(row.last_agent_id, row.last_agent_name),
        tags: json(row.tags),
        disposition: json(row.disposition),
        lastActivityAt: row.updated_at,
        cursorAt: row.cursor_at,
        match:
          row.hit_id !== null && row.hit_seq !== null && row.hit_text !== null && row.hit_created_at !== null
            ? {
                messageId: row.hit_id,
                seq: row.hit_seq,
                authorKind: row.hit_author_kind as 'customer' | 'bot' | 'agent',
                internal: row.hit_internal ?? false,
                text: row.hit_text,
                createdAt: row.hit_created_at,
              }
            : null,
      }));
    },
  };
}
export type ConversationSearchRepository = ReturnType<typeof conversationSearchRepository>;
