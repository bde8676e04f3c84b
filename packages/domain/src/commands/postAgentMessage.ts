import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Conversation, Message } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { createOutbox } from './outbox.ts';

export interface PostAgentMessageInput {
  workspaceId: string;
  conversationId: string;
  agent: Extract<Actor, { kind: 'agent' }>;
  clientId: string;
  text: string;
  /** an internal note for staff: never shown to the customer; anyone who may see the conversation writes them */
  internal?: boolean;
}

/**
 * The assigned person, or an expert consulting on it, replies; or staff write an internal note. Idempotent on
 * `clientId` (a retry, even a concurrent one, returns the stored message). A person's first reply is recorded
 * for the SLA, and any nudge is cleared.
 */
export async function postAgentMessage(
  deps: Deps,
  input: PostAgentMessageInput,
): Promise<{ message: Message; conversation: Conversation }> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  const userId = input.agent.user.id;
  if (!input.internal) {
    if (conversation.status !== 'assigned') {
      throw new DomainError(
        'invalid_transition',
        `accept the conversation before replying (it is ${conversation.status})`,
      );
    }
    if (
      conversation.assigneeId !== userId &&
      !(await deps.store.service.listParticipants(conversation.id)).includes(userId)
    ) {
      throw new DomainError('not_assignee', 'this conversation is assigned to a teammate');
    }
  }
  // not in one transaction with the reply: a concurrent retry of the same client id must find the stored
  // message (a duplicate is a success); recording the first reply is idempotent and follows at once
  const { message, created } = await deps.store.messages.append({
    conversationId: conversation.id,
    workspaceId: conversation.workspaceId,
    clientId: input.clientId,
    authorKind: 'agent',
    authorId: userId,
    text: input.text,
    internal: input.internal ?? false,
  });
  if (created && !input.internal) await deps.store.service.markAgentReply(conversation.id);
  if (created) {
    const outbox = createOutbox();
    outbox.add('message.created', { message, conversation, authorName: input.agent.user.name });
    outbox.publish(deps.events);
  }
  return { message, conversation };
}
