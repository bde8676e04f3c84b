import { randomUUID } from 'node:crypto';
import type { MessageRepository } from '@tandem/domain';
import type { Db } from '../database.ts';
import { toMessage } from './mappers.ts';

export function messageRepository(
  db: Db,
  inTransaction: (work: (db: Db) => Promise<unknown>) => Promise<unknown>,
): MessageRepository {
  return {
    async append(input) {
      let result: Awaited<ReturnType<MessageRepository['append']>> | null = null;
      await inTransaction(async (tx) => {
        if (input.clientId) {
          const existing = await tx
            .selectFrom('messages')
            .selectAll()
            .where('conversation_id', '=', input.conversationId)
            .where('author_kind', '=', input.authorKind)
            .where('client_id', '=', input.clientId)
            .executeTakeFirst();
          if (existing) {
            result = { message: toMessage(existing), created: false };
            return;
          }
        }
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
          .returningAll()
          .executeTakeFirstOrThrow();
        result = { message: toMessage(row), created: true };
      });
      if (!result) throw new Error('message append produced no result');
      return result;
    },
    async setMeta(id, meta) {
      await db
        .updateTable('messages')
        .set({ meta: JSON.stringify(meta) })
        .where('id', '=', id)
        .execute();
    },
    async listByConversation(conversationId, options) {
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('seq', 'desc')
        .limit(options?.limit ?? 500)
        .execute();
      return rows.reverse().map(toMessage);
    },
  };
}
