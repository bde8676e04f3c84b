import type { ConversationEvent, EventRepository } from '@tandem/domain';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

export function eventRepository(db: Db): EventRepository {
  return {
    async record(event) {
      await db
        .insertInto('conversation_events')
        .values({
          conversation_id: event.conversationId,
          workspace_id: event.workspaceId,
          type: event.type,
          from_status: event.fromStatus,
          to_status: event.toStatus,
          actor_kind: event.actorKind,
          actor_id: event.actorId,
          data: JSON.stringify(event.data),
        })
        .execute();
    },
    async listByConversation(conversationId) {
      const rows = await db
        .selectFrom('conversation_events')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        conversationId: row.conversation_id,
        workspaceId: row.workspace_id,
        type: row.type,
        fromStatus: row.from_status as ConversationEvent['fromStatus'],
        toStatus: row.to_status as ConversationEvent['toStatus'],
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        data: json(row.data),
        createdAt: row.created_at,
      }));
    },
  };
}
