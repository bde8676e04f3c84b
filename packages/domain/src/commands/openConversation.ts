import type { Store } from '../ports.ts';
import type { Channel, Contact, Conversation } from '../records.ts';
import type { Outbox } from './outbox.ts';

/**
 * Inside a transaction: the contact's open conversation on the channel, locked until commit, or a new one
 * with the bot. At most one is open per contact and channel (a unique index decides a race of two first
 * messages: the loser finds the winner's).
 */
export async function openOrContinue(
  tx: Store,
  outbox: Outbox,
  contact: Contact,
  channel: Channel,
): Promise<Conversation> {
  const open = await tx.conversations.lockOpen(contact.id, channel);
  if (open) return open;
  const created = await tx.conversations.createOpen({
    workspaceId: contact.workspaceId,
    contactId: contact.id,
    channel,
    botState: {},
  });
  if (!created) {
    const winner = await tx.conversations.lockOpen(contact.id, channel);
    if (!winner) throw new Error('no open conversation after a conflicting create');
    return winner;
  }
  await tx.events.record({
    conversationId: created.id,
    workspaceId: created.workspaceId,
    type: 'create',
    fromStatus: null,
    toStatus: created.status,
    actorKind: 'customer',
    actorId: contact.id,
    data: { channel },
  });
  outbox.add('conversation.opened', {
    conversation: created,
    actor: { kind: 'customer', contactId: contact.id },
  });
  return created;
}
