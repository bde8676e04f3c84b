import { DomainError } from '../errors.ts';
import type { Store } from '../ports.ts';
import type { Conversation } from '../records.ts';

/**
 * Who may write in a conversation (a message, or an attachment for one): a reply comes from the assignee of
 * an assigned conversation or an expert consulting on it; an internal note from anyone who sees it (the
 * caller has loaded it within the writer's workspace).
 */
export async function assertMayPost(
  store: Store,
  conversation: Conversation,
  userId: string,
  internal: boolean,
): Promise<void> {
  if (internal) return;
  if (conversation.status !== 'assigned') {
    throw new DomainError(
      'invalid_transition',
      `accept the conversation before replying (it is ${conversation.status})`,
    );
  }
  if (
    conversation.assigneeId !== userId &&
    !(await store.service.listParticipants(conversation.id)).includes(userId)
  ) {
    throw new DomainError('not_assignee', 'this conversation is assigned to a teammate');
  }
}
