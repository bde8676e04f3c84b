import { nextStatus } from '../conversation/stateMachine.ts';
import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { createOutbox } from './outbox.ts';
import { assertMayReopen } from './permissions.ts';
import { transitionWithin } from './transition.ts';

export interface ReopenConversationInput {
  workspaceId: string;
  conversationId: string;
  /** who takes it up again: it is assigned to them */
  actor: Extract<Actor, { kind: 'agent' }>;
}

const superseded = () =>
  new DomainError(
    'conversation_superseded',
    'the customer has started a newer conversation since this one ended; continue there',
  );

/**
 * Takes a resolved conversation up again: assigned to whoever reopens it (the person who served it, a
 * supervisor or an admin: `assertMayReopen`), with a notice both sides see ("reopened by …"); the customer
 * writes into it again. Capacity as routing counts it (assigned plus offered): a plain agent already at
 * theirs is refused with `at_capacity`; supervisors and admins may go past theirs, as when they take a
 * conversation over. Only the customer's latest conversation can be reopened, and only while they have no
 * other open one (one open conversation per customer and channel): otherwise `conversation_superseded`.
 * A rating the customer gave stays (a conversation is rated once); how it ended (disposition) is cleared
 * until it is resolved again, and kept in the event log.
 */
export async function reopenConversation(deps: Deps, input: ReopenConversationInput): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  const { actor } = input;
  assertMayReopen(conversation, actor);
  nextStatus(conversation.status, 'reopen');
  const latest = await deps.store.conversations.findLatestForContact(conversation.contactId);
  if (latest && latest.id !== conversation.id) throw superseded();
  const mayExceed = actor.user.role === 'admin' || actor.user.role === 'supervisor';
  const outbox = createOutbox();
  let reopened: Conversation | null;
  try {
    reopened = await deps.store.transaction(async (tx) => {
      // under a lock on the person, like an offer or a transfer: two takes at once cannot pass capacity
      await tx.routing.lockUser(actor.user.id);
      const [me] = await tx.routing.candidates(input.workspaceId, [actor.user.id]);
      if (!me) throw new DomainError('forbidden', 'your account cannot take conversations');
      if (!mayExceed && me.load >= me.user.maxConcurrent)
        throw new DomainError('at_capacity', 'you are already serving as many conversations as you can take');
      if (await tx.conversations.lockOpen(conversation.contactId, conversation.channel)) throw superseded();
      return transitionWithin(tx, outbox, {
        conversation,
        command: 'reopen',
        actor,
        patch: {
          assigneeId: actor.user.id,
          lastAgentId: actor.user.id,
          assignedAt: new Date(),
          resolvedAt: null,
          disposition: [],
        },
        notice: { code: 'reopened', agentName: actor.user.name },
        data: {
          resolvedAt: conversation.resolvedAt?.toISOString() ?? null,
          ...(conversation.disposition.length ? { disposition: conversation.disposition } : {}),
        },
        assigneeName: actor.user.name,
      });
    });
  } catch (error) {
    // a first message of the customer opened a new conversation at the same moment (the unique index of
    // open conversations decided against us)
    if (!(error instanceof DomainError)) {
      const now = await deps.store.conversations.findLatestForContact(conversation.contactId);
      if (now && now.id !== conversation.id) throw superseded();
    }
    throw error;
  }
  if (!reopened) {
    const current = await deps.store.conversations.findById(conversation.id);
    throw new DomainError(
      'invalid_transition',
      `conversation changed meanwhile (now ${current?.status ?? 'gone'}); cannot reopen`,
    );
  }
  outbox.publish(deps.events);
  return reopened;
}
