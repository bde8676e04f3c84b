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
}

/** The assigned agent replies. Idempotent on `clientId` (a retry, even a concurrent one, returns the stored message). */
export async function postAgentMessage(
  deps: Deps,
  input: PostAgentMessageInput,
): Promise<{ message: Message; conversation: Conversation }> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  if (conversation.status !== 'assigned') {
    throw new DomainError(
      'invalid_transition',
      `accept the conversation before replying (it is ${conversation.status})`,
    );
  }
  if (conversation.assigneeId !== input.agent.user.id) {
    throw new DomainError('not_assignee', 'this conversation is assigned to a teammate');
  }
  const { message, created } = await deps.store.messages.append({
    conversationId: conversation.id,
    workspaceId: conversation.workspaceId,
    clientId: input.clientId,
    authorKind: 'agent',
    authorId: input.agent.user.id,
    text: input.text,
  });
  if (created) {
    const outbox = createOutbox();
    outbox.add('message.created', { message, conversation, authorName: input.agent.user.name });
    outbox.publish(deps.events);
  }
  return { message, conversation };
}
