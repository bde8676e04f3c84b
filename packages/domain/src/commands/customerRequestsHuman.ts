import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Channel, Contact, Conversation } from '../records.ts';
import { openOrContinue } from './openConversation.ts';
import { createOutbox } from './outbox.ts';
import { requestHumanWithin, routeHandoff } from './requestHuman.ts';

export interface CustomerRequestsHumanInput {
  contact: Contact;
  channel?: Channel;
  /** the customer is remembered as preferring a person next time */
  remember?: boolean;
}

/**
 * The customer taps "talk to a person": in one transaction the contact's conversation is opened or
 * continued and handed to the human queue (a customer already queued or served keeps their place).
 */
export async function customerRequestsHuman(
  deps: Deps,
  input: CustomerRequestsHumanInput,
): Promise<Conversation> {
  const { contact } = input;
  const outbox = createOutbox();
  // where it goes is read first, so the transaction holds only the writes
  const route = await routeHandoff(deps.store, contact.workspaceId);
  const handed = await deps.store.transaction(async (tx) => {
    const conversation = await openOrContinue(tx, outbox, contact, input.channel ?? 'widget');
    if (input.remember && contact.attributes.prefersHuman !== true) {
      await tx.contacts.touch(contact.id, { attributes: { ...contact.attributes, prefersHuman: true } });
    }
    if (conversation.status === 'queued') {
      // asked again while waiting: acknowledged (the widget shows the place in the queue with it)
      const { message } = await tx.messages.append({
        conversationId: conversation.id,
        workspaceId: conversation.workspaceId,
        clientId: null,
        authorKind: 'system',
        authorId: null,
        text: '',
        notice: { code: 'still_queued' },
      });
      outbox.add('message.created', { message, conversation: { ...conversation, lastSeq: message.seq } });
      return conversation;
    }
    return requestHumanWithin(
      tx,
      outbox,
      {
        conversation,
        reason: 'customer_request',
        actor: { kind: 'customer', contactId: contact.id },
        attributes: contact.attributes,
      },
      route,
    );
  });
  if (!handed) throw new DomainError('invalid_transition', 'the conversation changed meanwhile; try again');
  outbox.publish(deps.events);
  return handed;
}
