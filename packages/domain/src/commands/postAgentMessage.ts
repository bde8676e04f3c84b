import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { NewMessage } from '../ports.ts';
import type { Actor, Conversation, Message } from '../records.ts';
import { attachmentsOf, linkAttachments } from './attachments.ts';
import { loadConversation } from './loadConversation.ts';
import { assertMayPost } from './mayPost.ts';
import { createOutbox } from './outbox.ts';

export interface PostAgentMessageInput {
  workspaceId: string;
  conversationId: string;
  agent: Extract<Actor, { kind: 'agent' }>;
  clientId: string;
  text: string;
  /** an internal note for staff: never shown to the customer; anyone who may see the conversation writes them */
  internal?: boolean;
  /** the sender's unsent uploads to this conversation (the text may then be empty) */
  attachmentIds?: readonly string[];
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
  await assertMayPost(deps.store, conversation, userId, input.internal ?? false);
  const ids = input.attachmentIds ?? [];
  if (input.text.trim() === '' && ids.length === 0) {
    throw new DomainError('validation_failed', 'a message needs text or attachments');
  }
  const newMessage: NewMessage = {
    conversationId: conversation.id,
    workspaceId: conversation.workspaceId,
    clientId: input.clientId,
    authorKind: 'agent',
    authorId: userId,
    text: input.text,
    internal: input.internal ?? false,
  };
  // not in one transaction with the reply: a concurrent retry of the same client id must find the stored
  // message (a duplicate is a success); recording the first reply is idempotent and follows at once.
  // With attachments the message and their linking commit together (all of them or nothing).
  const store = async (): Promise<{ message: Message; created: boolean }> => {
    if (ids.length === 0) return deps.store.messages.append(newMessage);
    return deps.store.transaction(async (tx) => {
      const appended = await tx.messages.append(newMessage);
      if (!appended.created) return appended;
      const attachments = await linkAttachments(tx, {
        ids,
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        messageId: appended.message.id,
        uploader: { kind: 'staff', id: userId },
      });
      return { message: { ...appended.message, attachments }, created: true };
    });
  };
  let stored: { message: Message; created: boolean };
  try {
    stored = await store();
  } catch (error) {
    // inside the transaction a concurrent retry of the same client id fails instead of finding the stored
    // message: once more, and the retry is recognised before anything is written
    if (ids.length === 0 || error instanceof DomainError) throw error;
    stored = await store();
  }
  let { message } = stored;
  const { created } = stored;
  if (!created && ids.length > 0)
    message = { ...message, attachments: await attachmentsOf(deps.store, message) };
  if (created && !input.internal) await deps.store.service.markAgentReply(conversation.id);
  if (created) {
    const outbox = createOutbox();
    outbox.add('message.created', { message, conversation, authorName: input.agent.user.name });
    outbox.publish(deps.events);
  }
  return { message, conversation };
}
