import { randomUUID } from 'node:crypto';
import type { ConversationRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { toConversation } from './mappers.ts';

const OPEN = ['bot', 'queued', 'assigned'] as const;

export function conversationRepository(db: Db): ConversationRepository {
  return {
    async findById(id) {
      const row = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async findLatestForContact(contactId) {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async lockOpen(contactId, channel) {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('contact_id', '=', contactId)
        .where('channel', '=', channel)
        .where('status', 'in', OPEN)
        .forUpdate()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async createOpen(input) {
      const row = await db
        .insertInto('conversations')
        .values({
          id: randomUUID(),
          workspace_id: input.workspaceId,
          contact_id: input.contactId,
          channel: input.channel,
          status: 'bot',
          bot_state: JSON.stringify(input.botState),
        })
        // the partial unique index conversations_one_open_key: one open conversation per contact and channel
        .onConflict((oc) => oc.columns(['contact_id', 'channel']).where('status', 'in', OPEN).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async transition(id, from, patch) {
      const row = await db
        .updateTable('conversations')
        .set({
          status: patch.status,
          updated_at: new Date(),
          ...(patch.assigneeId !== undefined ? { assignee_id: patch.assigneeId } : {}),
          ...(patch.handoffReason !== undefined ? { handoff_reason: patch.handoffReason } : {}),
          ...(patch.handoff !== undefined ? { handoff: JSON.stringify(patch.handoff) } : {}),
          ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
          ...(patch.queuedAt !== undefined ? { queued_at: patch.queuedAt } : {}),
          ...(patch.resolvedAt !== undefined ? { resolved_at: patch.resolvedAt } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async recordBotTurn(id, turn) {
      const row = await db
        .updateTable('conversations')
        .set((eb) => ({
          last_seq: eb('last_seq', '+', turn.replies),
          bot_seq: sql<number>`greatest(bot_seq, ${turn.answeredSeq})`,
          bot_state: JSON.stringify(turn.botState),
          tags: JSON.stringify(turn.tags),
          priority: turn.priority,
          updated_at: new Date(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'bot')
        .where('bot_seq', '=', turn.expectedBotSeq)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async listBotOwed(limit) {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('status', '=', 'bot')
        .where(sql<boolean>`customer_seq > bot_seq`)
        .orderBy('updated_at', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    async listAssignedTo(userId) {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('assignee_id', '=', userId)
        .where('status', '=', 'assigned')
        .execute();
      return rows.map(toConversation);
    },
  };
}
