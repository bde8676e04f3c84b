import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Contact } from '../records.ts';

export interface MarkReadInput {
  contact: Contact;
  /** their conversation (default: their latest) */
  conversationId?: string | undefined;
  /** the highest sequence number the widget has shown them */
  seq: number;
}

/**
 * Read receipts: the customer's widget has shown them the messages up to `seq`. Stored on the conversation
 * (never past its last message) and told to staff after the commit. Idempotent and monotonic: a mark at or
 * below the stored one changes nothing and is not told again. Answers the mark as stored.
 */
export async function markReadByCustomer(
  deps: Deps,
  input: MarkReadInput,
): Promise<{ conversationId: string; seq: number }> {
  const { contact } = input;
  const conversation = input.conversationId
    ? await deps.store.conversations.findById(input.conversationId)
    : await deps.store.conversations.findLatestForContact(contact.id);
  // another customer's conversation is as good as missing
  if (!conversation || conversation.contactId !== contact.id)
    throw new DomainError('conversation_not_found', 'no such conversation');
  const updated = await deps.store.conversations.markCustomerRead(conversation.id, contact.id, input.seq);
  if (!updated) return { conversationId: conversation.id, seq: conversation.customerReadSeq };
  deps.events.publish('conversation.read', { conversation: updated, seq: updated.customerReadSeq });
  return { conversationId: updated.id, seq: updated.customerReadSeq };
}
