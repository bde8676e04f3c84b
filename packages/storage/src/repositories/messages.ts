import { randomUUID } from 'node:crypto';
import type { Message, MessageRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { MessageRow } from '../schema.ts';
import { toMessage } from './mappers.ts';

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

    async appendCustomer({ conversation, clientId, text, meta, emotion }) {
      // one statement: the next sequence number (the update locks the row) and the message; a client id the
      // customer already used conflicts, inserts nothing, and the caller rolls the update back
      const { rows } = await sql<MessageRow>`
        with c as (
          update conversations
          set last_seq = last_seq + 1,
              customer_seq = last_seq + 1,
              bot_seq = case when status = 'bot' then bot_seq else last_seq + 1 end,
              emotion = ${emotion ? JSON.stringify(emotion) : null}::jsonb,
              updated_at = now()
          where id = ${conversation.id}
          returning last_seq
        )
        insert into messages (id, conversation_id, workspace_id, seq, client_id, author_kind, author_id, text,
                              buttons, notice, meta)
        select ${randomUUID()}, ${conversation.id}, ${conversation.workspaceId}, c.last_seq, ${clientId},
               'customer', ${conversation.contactId}, ${text}, '[]'::jsonb, 'null'::jsonb,
               ${meta ? JSON.stringify(meta) : null}::jsonb
        from c
        on conflict do nothing
        returning *`.execute(db);
      const row = rows[0];
      if (!row) return null;
      const message = toMessage(row);
      return {
        message,
        conversation: {
          ...conversation,
          lastSeq: message.seq,
          customerSeq: message.seq,
          botSeq: conversation.status === 'bot' ? conversation.botSeq : message.seq,
          emotion,
          updatedAt: message.createdAt,
        },
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

    async appendBotReplies(conversation, replies) {
      if (replies.length === 0) return [];
      const first = conversation.lastSeq - replies.length + 1;
      const rows = await db
        .insertInto('messages')
        .values(
          replies.map((reply, index) => ({
            id: randomUUID(),
            conversation_id: conversation.id,
            workspace_id: conversation.workspaceId,
            seq: first + index,
            client_id: reply.clientId,
            author_kind: 'bot' as const,
            author_id: null,
            text: reply.text,
            buttons: JSON.stringify(reply.buttons),
            notice: JSON.stringify(null),
            meta: reply.meta ? JSON.stringify(reply.meta) : null,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .execute();
      return rows.map(toMessage).sort((a, b) => a.seq - b.seq);
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
