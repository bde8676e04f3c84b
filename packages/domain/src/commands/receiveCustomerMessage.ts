import type { Lang } from '@tandem/protocol';
import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Channel, Contact, Conversation, Message } from '../records.ts';
import { openOrContinue } from './openConversation.ts';
import { createOutbox } from './outbox.ts';

export interface ReceiveCustomerMessageInput {
  contact: Contact;
  channel?: Channel;
  clientId: string;
  text: string;
  /** the language the customer chose, when the client knows it */
  lang?: Lang | null;
}

export interface ReceivedMessage {
  message: Message;
  conversation: Conversation;
  /** false for a retry of a message already stored: nothing changed, nobody is notified twice */
  created: boolean;
}

/** Thrown inside the transaction to roll it back when the message turns out to be a retry. */
class Duplicate extends Error {}

/**
 * A customer writes: the one command of the message path. Reads the message once (language, emotion), then
 * in one transaction opens or continues the contact's conversation on the channel and stores the message
 * idempotently (a `clientId` the customer already sent returns the stored message). After the commit the
 * caller acknowledges and listeners (fan-out, bot, inbox) run; they never delay the acknowledgement.
 * When the conversation is with the bot and the bot's backlog is full, nothing is stored: `busy`.
 */
export async function receiveCustomerMessage(
  deps: Deps,
  input: ReceiveCustomerMessageInput,
): Promise<ReceivedMessage> {
  const { contact } = input;
  const channel = input.channel ?? 'widget';
  const annotation = deps.annotator?.annotate(input.text, input.lang ?? contact.lang) ?? null;
  const outbox = createOutbox();
  let result: { message: Message; conversation: Conversation };
  try {
    result = await deps.store.transaction(async (tx) => {
      const conversation = await openOrContinue(tx, outbox, contact, channel);
      if (conversation.status === 'bot' && deps.botCapacity?.accepting(contact.workspaceId) === false) {
        throw new DomainError('busy', 'the assistant is very busy right now; please send again in a moment');
      }
      const appended = await tx.messages.appendCustomer({
        conversation,
        clientId: input.clientId,
        text: input.text,
        meta: annotation?.meta ?? null,
        emotion: annotation ? annotation.emotion(conversation.emotion) : conversation.emotion,
      });
      if (!appended) throw new Duplicate();
      if (input.lang && input.lang !== contact.lang)
        await tx.contacts.touch(contact.id, { lang: input.lang });
      return appended;
    });
  } catch (error) {
    if (!(error instanceof Duplicate)) throw error;
    const stored = await deps.store.messages.findCustomerMessage(contact.id, input.clientId);
    const conversation = stored ? await deps.store.conversations.findById(stored.conversationId) : null;
    if (!stored || !conversation) throw new Error('a duplicate message could not be read back');
    return { message: stored, conversation, created: false };
  }
  const sender = input.lang && input.lang !== contact.lang ? { ...contact, lang: input.lang } : contact;
  outbox.add('message.created', { ...result, contact: sender });
  outbox.publish(deps.events);
  return { ...result, created: true };
}
