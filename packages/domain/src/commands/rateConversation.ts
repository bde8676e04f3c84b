import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Contact, Conversation } from '../records.ts';
import { createOutbox } from './outbox.ts';

export interface RateInput {
  contact: Contact;
  conversationId: string;
  score: number;
  comment?: string | undefined;
}

/** The customer rates a conversation of theirs that ended (1–5, an optional comment); once. */
export async function rateConversation(deps: Deps, input: RateInput): Promise<Conversation> {
  const conversation = await deps.store.conversations.findById(input.conversationId);
  // another customer's conversation is as good as missing
  if (!conversation || conversation.contactId !== input.contact.id)
    throw new DomainError('conversation_not_found', `conversation ${input.conversationId} not found`);
  if (conversation.csat) throw new DomainError('already_rated', 'you have already rated this conversation');
  if (conversation.status !== 'resolved' && conversation.status !== 'closed')
    throw new DomainError('invalid_transition', 'a conversation can be rated once it has ended');
  const outbox = createOutbox();
  const rated = await deps.store.transaction(async (tx) => {
    const updated = await tx.routing.rate(conversation.id, input.score, input.comment ?? null);
    if (!updated) return null;
    await tx.events.record({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      type: 'rate',
      fromStatus: updated.status,
      toStatus: updated.status,
      actorKind: 'customer',
      actorId: input.contact.id,
      data: { score: input.score, ...(input.comment ? { comment: input.comment } : {}) },
    });
    outbox.add('conversation.rated', {
      conversation: updated,
      actor: { kind: 'customer', contactId: input.contact.id },
    });
    return updated;
  });
  if (!rated) throw new DomainError('already_rated', 'you have already rated this conversation');
  outbox.publish(deps.events);
  return rated;
}
