import type { Lang } from '@tandem/protocol';
import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Store } from '../ports.ts';
import type { Channel, Contact, Conversation, Message, MessageAttachment } from '../records.ts';
import { attachmentsOf, linkAttachments } from './attachments.ts';
import { openOrContinue } from './openConversation.ts';
import { createOutbox } from './outbox.ts';

export interface ReceiveCustomerMessageInput {
  contact: Contact;
  channel?: Channel;
  clientId: string;
  text: string;
  /** the language the customer chose, when the client knows it */
  lang?: Lang | null;
  /** the customer's unsent uploads (the text may then be empty: the bot leaves such a message to people) */
  attachmentIds?: readonly string[];
}

export interface ReceivedMessage {
  message: Message;
  conversation: Conversation;
  /** false for a retry of a message already stored: nothing changed, nobody is notified twice */
  created: boolean;
}

/** Thrown inside the opening transaction to roll it back when the message is a retry of a stored one. */
class RetryOfStored extends Error {}

const busy = () =>
  new DomainError('busy', 'the assistant is very busy right now; please send again in a moment');

/**
 * A customer writes: the one command of the message path. Reads the message once (language, emotion), then
 * stores it with one statement, in the contact's open conversation on the channel or in a new one with the
 * bot (at most one open conversation per contact and channel, decided by a unique index; only when two
 * first messages race does the loser open it in a transaction). Idempotent: a `clientId` the customer already sent returns the stored message.
 * When the conversation is with the bot and the bot's backlog is full, nothing is stored: `busy`, and the
 * client sends it again shortly. After the commit the caller acknowledges; listeners (fan-out, bot, inbox)
 * run after that and never delay the acknowledgement.
 */
export async function receiveCustomerMessage(
  deps: Deps,
  input: ReceiveCustomerMessageInput,
): Promise<ReceivedMessage> {
  const { contact } = input;
  const channel = input.channel ?? 'widget';
  const ids = input.attachmentIds ?? [];
  if (input.text.trim() === '' && ids.length === 0) {
    throw new DomainError('validation_failed', 'a message needs text or attachments');
  }
  // (an attachment alone has no words to read)
  const annotation = input.text
    ? (deps.annotator?.annotate(input.text, input.lang ?? contact.lang) ?? null)
    : null;
  const botAccepting = deps.botCapacity?.accepting(contact.workspaceId) ?? true;
  const outbox = createOutbox();
  const receive = (store: Store) =>
    store.messages.receiveCustomer({
      workspaceId: contact.workspaceId,
      contactId: contact.id,
      channel,
      clientId: input.clientId,
      text: input.text,
      meta: annotation?.meta ?? null,
      emotion: annotation?.emotion ?? null,
      botAccepting,
    });
  // with attachments, the message and their linking commit together (all of them or nothing)
  let attachments: MessageAttachment[] = [];
  const receiveAndLink = async (store: Store) => {
    const stored = await receive(store);
    if (stored.kind === 'stored' && ids.length > 0) {
      attachments = await linkAttachments(store, {
        ids,
        workspaceId: contact.workspaceId,
        conversationId: stored.conversation.id,
        messageId: stored.message.id,
        uploader: { kind: 'customer', id: contact.id },
      });
    }
    return stored;
  };
  let result = ids.length > 0 ? await deps.store.transaction(receiveAndLink) : await receive(deps.store);
  if (result.kind === 'no_conversation') {
    result = await deps.store
      .transaction(async (tx) => {
        await openOrContinue(tx, outbox, contact, channel);
        const stored = await receiveAndLink(tx);
        // a new conversation is not opened for a message the bot cannot take now, nor for a retry of a
        // message stored in an earlier (resolved) conversation: both roll the opening back
        if (stored.kind === 'busy') throw busy();
        if (stored.kind === 'duplicate') throw new RetryOfStored();
        return stored;
      })
      .catch((error: unknown) => {
        if (error instanceof RetryOfStored) return { kind: 'duplicate' as const };
        throw error;
      });
  }
  if (result.kind === 'busy') throw busy();
  if (result.kind !== 'stored') {
    const stored = await deps.store.messages.findCustomerMessage(contact.id, input.clientId);
    const conversation = stored ? await deps.store.conversations.findById(stored.conversationId) : null;
    if (!stored || !conversation) throw new Error('a duplicate message could not be read back');
    const message =
      ids.length > 0 ? { ...stored, attachments: await attachmentsOf(deps.store, stored) } : stored;
    return { message, conversation, created: false };
  }
  const message = ids.length > 0 ? { ...result.message, attachments } : result.message;
  let sender = contact;
  if (input.lang && input.lang !== contact.lang) {
    await deps.store.contacts.touch(contact.id, { lang: input.lang });
    sender = { ...contact, lang: input.lang };
  }
  if (result.opened) {
    // with the customer and their first message, so listeners need not read them back (a wave of new
    // conversations costs the staff inbox no query)
    outbox.add('conversation.opened', {
      conversation: result.conversation,
      actor: { kind: 'customer', contactId: contact.id },
      contact: sender,
      firstMessage: message,
    });
  }
  outbox.add('message.created', {
    message,
    conversation: result.conversation,
    contact: sender,
    previousCustomerSeq: result.previousCustomerSeq,
  });
  outbox.publish(deps.events);
  return { message, conversation: result.conversation, created: true };
}
