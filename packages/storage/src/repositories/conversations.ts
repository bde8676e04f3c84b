import { randomUUID } from 'node:crypto';
import type { ConversationRepository } from '@tandem/domain';
import type { Db } from '../database.ts';
import { toConversation } from './mappers.ts';

export function conversationRepository(db: Db): ConversationRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto('conversations')
        .values({
          id: randomUUID(),
          workspace_id: input.workspaceId,
          contact_id: input.contactId,
          status: 'bot',
          bot_state: JSON.stringify(input.botState),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConversation(row);
    },
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
    async saveBotState(id, botState) {
      await db
        .updateTable('conversations')
        .set({ bot_state: JSON.stringify(botState) })
        .where('id', '=', id)
        .execute();
    },
    async annotate(id, patch) {
      await db
        .updateTable('conversations')
        .set({
          updated_at: new Date(),
          ...(patch.emotion !== undefined ? { emotion: JSON.stringify(patch.emotion) } : {}),
          ...(patch.tags !== undefined ? { tags: JSON.stringify(patch.tags) } : {}),
          ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
        })
        .where('id', '=', id)
        .execute();
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
