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
  return widgetConversationView(conversation, agent?.name ?? null);
}

/** The widget's view when the assignee's name is known. */
export const widgetConversationView = (
  conversation: Conversation,
  agentName: string | null,
): WidgetConversation => ({
  id: conversation.id,
  status: conversation.status,
  agentName: conversation.status === 'assigned' ? agentName : null,
  rated: conversation.csat !== null,
  ratable: conversation.assignedAt !== null,
});

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
    team: row.team,
    offer: c.offer ? { userId: c.offer.userId, expiresAt: c.offer.expiresAt.toISOString() } : null,
    csat: c.csat ? { score: c.csat.score, comment: c.csat.comment } : null,
    emotion: presentTrajectory(c.emotion),
    tags: c.tags,
    sla: runningDeadline(c),
    disposition: c.disposition,
    customerReadSeq: c.customerReadSeq,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The deadline that still runs for a waiting or served conversation (none once it ended). */
function runningDeadline(c: InboxRow['conversation']): AgentConversation['sla'] {
  if (c.status !== 'queued' && c.status !== 'assigned') return null;
  const { firstResponseDueAt, firstResponseAt, resolutionDueAt } = c.sla;
  if (firstResponseDueAt && !firstResponseAt)
    return { kind: 'first_response', dueAt: firstResponseDueAt.toISOString() };
  if (resolutionDueAt) return { kind: 'resolution', dueAt: resolutionDueAt.toISOString() };
  return null;
}
