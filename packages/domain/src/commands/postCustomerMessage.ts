import type { Lang } from '@tandem/protocol';
import { isOpen } from '../conversation/stateMachine.ts';
import type { Deps } from '../events.ts';
import type { Contact, Conversation, Message } from '../records.ts';

export interface PostCustomerMessageInput {
  contact: Contact;
  clientId: string;
  text: string;
  lang?: Lang | null;
  /** what was read from the text before posting (emotion, …), shown to staff */
  meta?: Record<string, unknown> | null;
  /** the bot's starting memory for a new conversation */
  initialBotState: Record<string, unknown>;
}

/** Finds the contact's open conversation, or starts a new one with the bot. */
export async function openConversationFor(
  deps: Deps,
  contact: Contact,
  initialBotState: Record<string, unknown>,
): Promise<Conversation> {
  const latest = await deps.store.conversations.findLatestForContact(contact.id);
  if (latest && isOpen(latest.status)) return latest;
  const conversation = await deps.store.transaction(async (tx) => {
    const created = await tx.conversations.create({
      workspaceId: contact.workspaceId,
      contactId: contact.id,
      botState: initialBotState,
    });
    await tx.events.record({
      conversationId: created.id,
      workspaceId: created.workspaceId,
      type: 'create',
      fromStatus: null,
      toStatus: created.status,
      actorKind: 'customer',
      actorId: contact.id,
      data: {},
    });
    return created;
  });
  await deps.events.publish('conversation.changed', { conversation, command: 'create' });
  return conversation;
}

/**
 * A customer writes. Starts a conversation when none is open. Idempotent on `clientId`:
 * a retried send returns the stored message and notifies nobody twice.
 */
export async function postCustomerMessage(
  deps: Deps,
  input: PostCustomerMessageInput,
): Promise<{ message: Message; conversation: Conversation; created: boolean }> {
  const conversation = await openConversationFor(deps, input.contact, input.initialBotState);
  const { message, created } = await deps.store.messages.append({
    conversationId: conversation.id,
    workspaceId: conversation.workspaceId,
    clientId: input.clientId,
    authorKind: 'customer',
    authorId: input.contact.id,
    text: input.text,
    meta: input.meta ?? null,
  });
  if (input.lang && input.lang !== input.contact.lang) {
    await deps.store.contacts.touch(input.contact.id, { lang: input.lang });
  }
  if (created) await deps.events.publish('message.created', { message, conversation });
  return { message, conversation, created };
}
