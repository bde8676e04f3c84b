import { randomUUID } from 'node:crypto';
import type { Message, MessageRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { GENERIC_PLAN } from '../planHint.ts';
import { conversationFromJson, json, messageFromJson, toMessage } from './mappers.ts';

/** How many emotion readings a conversation keeps (staff see them; the trend is computed over them). */
const HISTORY = 20;

/** Thrown inside `append`'s transaction to roll back the sequence number a concurrent retry would burn. */
class DuplicateClientId extends Error {}

export function messageRepository(
  db: Db,
  atomically: <T>(work: (db: Db) => Promise<T>) => Promise<T>,
  inTransaction: boolean,
): MessageRepository {
  const findByClientId = async (conversationId: string, authorKind: string, clientId: string) => {
    const row = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('author_kind', '=', authorKind as Message['authorKind'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  };

  return {
    async append(input) {
      if (input.clientId) {
        const existing = await findByClientId(input.conversationId, input.authorKind, input.clientId);
        if (existing) return { message: existing, created: false };
      }
      try {
        return await atomically(async (tx) => {
          // the row lock on the conversation serialises sequence numbers per conversation
          const { last_seq: seq } = await tx
            .updateTable('conversations')
            .set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: new Date() }))
            .where('id', '=', input.conversationId)
            .returning('last_seq')
            .executeTakeFirstOrThrow();
          const row = await tx
            .insertInto('messages')
            .values({
              id: randomUUID(),
              conversation_id: input.conversationId,
              workspace_id: input.workspaceId,
              seq,
              client_id: input.clientId,
              author_kind: input.authorKind,
              author_id: input.authorId,
              text: input.text,
              buttons: JSON.stringify(input.buttons ?? []),
              notice: JSON.stringify(input.notice ?? null),
              meta: input.meta ? JSON.stringify(input.meta) : null,
              internal: input.internal ?? false,
            })
            .onConflict((oc) => oc.doNothing())
            .returningAll()
            .executeTakeFirst();
          if (!row) throw new DuplicateClientId();
          return { message: toMessage(row), created: true };
        });
      } catch (error) {
        // a concurrent retry of the same client id stored it first: that is a success, not an error
        if (!(error instanceof DuplicateClientId) || inTransaction || !input.clientId) throw error;
        const stored = await findByClientId(input.conversationId, input.authorKind, input.clientId);
        if (!stored) throw error;
        return { message: stored, created: false };
      }
    },

    async receiveCustomer({ workspaceId, contactId, channel, clientId, text, meta, emotion, botAccepting }) {
      // One statement: lock the open conversation, or open one with the bot (not for a retry of a message
      // already stored, nor when the bot cannot take it); insert the message with the next sequence number
      // (nothing when the client id was already used: the unique index decides, even for two at once); then
      // update the conversation, keeping the last HISTORY emotion readings. A conversation opened here is
      // inserted with its final values (a sibling CTE cannot update a row inserted in the same statement).
      const reading = emotion ? JSON.stringify(emotion) : null;
      const { rows } = await sql<{
        message: unknown;
        conversation: unknown;
        opened: unknown;
        previous_customer_seq: number | string;
        open_status: string | null;
      }>`${sql.raw(GENERIC_PLAN)}
        with existing as (
          select id, workspace_id, status, last_seq, customer_seq from conversations
          where contact_id = ${contactId} and channel = ${channel} and status in ('bot', 'queued', 'assigned')
          for no key update
        ),
        created as (
          insert into conversations (id, workspace_id, contact_id, channel, status, bot_state, last_seq,
                                     customer_seq, bot_seq, emotion)
          select ${randomUUID()}, ${workspaceId}, ${contactId}, ${channel}, 'bot', '{}'::jsonb, 1, 1, 0,
                 case when ${reading}::jsonb is null then null else jsonb_build_object(
                   'current', ${reading}::jsonb - 'at', 'history', jsonb_build_array(${reading}::jsonb)) end
          where not exists (select 1 from existing) and ${botAccepting}::boolean
            and not exists (
              select 1 from messages
              where author_id = ${contactId} and author_kind = 'customer' and client_id = ${clientId})
          on conflict (contact_id, channel) where status in ('bot', 'queued', 'assigned') do nothing
          returning *
        ),
        opened_event as (
          insert into conversation_events (conversation_id, workspace_id, type, from_status, to_status,
                                           actor_kind, actor_id, data)
          select id, workspace_id, 'create', null, 'bot', 'customer', contact_id,
                 jsonb_build_object('channel', channel)
          from created
        ),
        target as (
          select id, workspace_id, status, last_seq from existing
          union all
          select id, workspace_id, status, last_seq - 1 from created
        ),
        ins as (
          insert into messages (id, conversation_id, workspace_id, seq, client_id, author_kind, author_id, text,
                                buttons, notice, meta)
          select ${randomUUID()}, target.id, target.workspace_id, target.last_seq + 1, ${clientId}, 'customer',
                 ${contactId}, ${text}, '[]'::jsonb, 'null'::jsonb, ${meta ? JSON.stringify(meta) : null}::jsonb
          from target
          where target.status <> 'bot' or ${botAccepting}::boolean
          on conflict do nothing
          returning *
        ),
        upd as (
          update conversations c
          set last_seq = ins.seq,
              customer_seq = ins.seq,
              bot_seq = case when c.status in ('bot', 'queued') then c.bot_seq else ins.seq end,
              emotion = case when ${reading}::jsonb is null then c.emotion else jsonb_build_object(
                'current', ${reading}::jsonb - 'at',
                'history', (
                  select coalesce(jsonb_agg(h.e order by h.n), '[]'::jsonb)
                  from jsonb_array_elements(
                    coalesce(c.emotion -> 'history', '[]'::jsonb) || jsonb_build_array(${reading}::jsonb)
                  ) with ordinality as h(e, n)
                  where h.n > jsonb_array_length(coalesce(c.emotion -> 'history', '[]'::jsonb)) + 1 - ${HISTORY}
                )) end,
              updated_at = ins.created_at
          from ins
          where c.id = ins.conversation_id
          returning c.*
        )
        select (select row_to_json(ins) from ins) as message,
               coalesce((select row_to_json(upd) from upd), (select row_to_json(created) from created))
                 as conversation,
               exists (select 1 from created) as opened,
               -- fixed output types: a statement prepared on a PostgreSQL connection (postgres/preparedPool.ts)
               -- keeps working while another process's migration changes these columns' types
               coalesce((select customer_seq from existing), 0)::int4 as previous_customer_seq,
               coalesce((select status from existing), (select status from created))::text as open_status`.execute(
        db,
      );
      const row = rows[0];
      if (!row?.open_status) {
        // nothing open and nothing opened: a retry of a stored message, the bot is full, or a concurrent first
        // message holds the slot
        if (!botAccepting) return { kind: 'busy' as const };
        const known = await db
          .selectFrom('messages')
          .select('id')
          .where('author_id', '=', contactId)
          .where('author_kind', '=', 'customer')
          .where('client_id', '=', clientId)
          .executeTakeFirst();
        return { kind: known ? ('duplicate' as const) : ('no_conversation' as const) };
      }
      if (!row.message || !row.conversation) {
        return {
          kind: row.open_status === 'bot' && !botAccepting ? ('busy' as const) : ('duplicate' as const),
        };
      }
      return {
        kind: 'stored' as const,
        message: messageFromJson(json(row.message)),
        conversation: conversationFromJson(json(row.conversation)),
        opened: row.opened === true || row.opened === 't',
        previousCustomerSeq: Number(row.previous_customer_seq),
      };
    },

    async findCustomerMessage(contactId, clientId) {
      const row = await db
        .selectFrom('messages')
        .selectAll()
        .where('author_id', '=', contactId)
        .where('author_kind', '=', 'customer')
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return row ? toMessage(row) : null;
    },

    async listCustomerAfter(conversationId, afterSeq) {
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('seq', '>', afterSeq)
        .where('author_kind', '=', 'customer')
        .orderBy('seq', 'asc')
        .execute();
      return rows.map(toMessage);
    },

    async listByConversation(conversationId, options) {
      let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
      if (options?.afterSeq !== undefined) query = query.where('seq', '>', options.afterSeq);
      const rows = await query
        .orderBy('seq', 'desc')
        .limit(options?.limit ?? 500)
        .execute();
      return rows.reverse().map(toMessage);
    },
  };
}
