import type { Conversation, Store } from '@tandem/domain';
import type { AgentConversation, WidgetConversation } from '@tandem/protocol';
import type { InboxRow } from '@tandem/storage';
import { presentTrajectory } from './emotion.ts';

/** What a customer may know about their conversation: its status and who is helping. Nothing internal. */
export async function presentWidgetConversation(
  store: Store,
  conversation: Conversation,
): Promise<WidgetConversation> {
  const agent =
    conversation.status === 'assigned' && conversation.assigneeId
      ? await store.users.findById(conversation.assigneeId)
      : null;
  return { id: conversation.id, status: conversation.status, agentName: agent?.name ?? null };
}

/** What staff see of a conversation in the inbox and the conversation view. */
export function presentAgentConversation(row: InboxRow): AgentConversation {
  const c = row.conversation;
  return {
    id: c.id,
    status: c.status,
    priority: c.priority,
    handoffReason: c.handoffReason,
    handoff: c.handoff,
    assignee: row.assignee,
    contact: row.contact,
    lastMessage: row.lastMessage
      ? {
          text: row.lastMessage.text,
          authorKind: row.lastMessage.authorKind,
          createdAt: row.lastMessage.createdAt.toISOString(),
        }
      : null,
    queuedAt: c.queuedAt?.toISOString() ?? null,
    emotion: presentTrajectory(c.emotion),
    tags: c.tags,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
