import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { isAvailable } from '../routing/pickAgent.ts';
import { loadConversation } from './loadConversation.ts';
import { createOutbox } from './outbox.ts';

export interface OfferInput {
  /** the queued conversation as routing read it (the offer itself re-reads and updates the row) */
  conversation: Pick<Conversation, 'id' | 'workspaceId' | 'declinedBy'>;
  userId: string;
  expiresAt: Date;
}

/**
 * Offers a queued conversation to a person, in one transaction that locks the person's row: they are
 * online and within capacity (assigned plus offered), and nobody else is offered it now. Offers from
 * several processes to one person are serialised by the lock, so capacity holds. Null when any of that
 * changed (the router tries again on its next pass).
 */
export async function offerConversation(deps: Deps, input: OfferInput): Promise<Conversation | null> {
  const outbox = createOutbox();
  const { conversation, userId } = input;
  const offered = await deps.store.transaction(
    async (tx) => {
      outbox.clear();
      await tx.routing.lockUser(userId);
      const [candidate] = await tx.routing.candidates(conversation.workspaceId, [userId]);
      if (!candidate || !isAvailable(candidate, { lang: null, skills: [], exclude: conversation.declinedBy }))
        return null;
      const updated = await tx.routing.offer(conversation.id, userId, input.expiresAt);
      if (!updated) return null;
      await tx.events.record({
        conversationId: conversation.id,
        workspaceId: conversation.workspaceId,
        type: 'offer',
        fromStatus: 'queued',
        toStatus: 'queued',
        actorKind: 'system',
        actorId: null,
        data: { userId, expiresAt: input.expiresAt.toISOString() },
      });
      outbox.add('conversation.offered', {
        conversation: updated,
        actor: { kind: 'system' },
        userId,
        expiresAt: input.expiresAt,
      });
      return updated;
    },
    { retry: true },
  );
  outbox.publish(deps.events);
  return offered;
}

/**
 * Ends a pending offer: `declined` by the person (not offered to them again this round), `expired`
 * (likewise), or `withdrawn` (they went offline; they may be offered it again when back). Null when there
 * was no such offer any more (accepted, or ended by someone else: nothing changed).
 */
export async function endOffer(
  deps: Deps,
  input: {
    conversation: Conversation;
    userId: string;
    why: 'declined' | 'expired' | 'withdrawn';
    actor: Actor;
  },
): Promise<Conversation | null> {
  const outbox = createOutbox();
  const { conversation, userId, why } = input;
  const ended = await deps.store.transaction(async (tx) => {
    const updated = await tx.routing.endOffer(conversation.id, userId, why !== 'withdrawn');
    if (!updated) return null;
    await tx.events.record({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      type: `offer_${why}`,
      fromStatus: updated.status,
      toStatus: updated.status,
      actorKind: input.actor.kind,
      actorId: input.actor.kind === 'agent' ? input.actor.user.id : null,
      data: { userId },
    });
    outbox.add('conversation.offerEnded', { conversation: updated, actor: input.actor, userId, why });
    return updated;
  });
  outbox.publish(deps.events);
  return ended;
}

/** The person offered a conversation turns it down: it goes to the next person. */
export async function declineOffer(
  deps: Deps,
  input: { workspaceId: string; conversationId: string; agent: Extract<Actor, { kind: 'agent' }> },
): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  const ended =
    conversation.offer?.userId === input.agent.user.id
      ? await endOffer(deps, {
          conversation,
          userId: input.agent.user.id,
          why: 'declined',
          actor: input.agent,
        })
      : null;
  if (!ended) throw new DomainError('no_offer', 'this conversation is not offered to you now');
  return ended;
}
