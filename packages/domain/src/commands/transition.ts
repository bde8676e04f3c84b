import type { HandoffReason, HandoffTarget, SystemNotice } from '@tandem/protocol';
import { nextStatus, type TransitionCommand } from '../conversation/stateMachine.ts';
import { DomainError } from '../errors.ts';
import type { Deps, DomainEventMap } from '../events.ts';
import type { ConversationPatch, Store } from '../ports.ts';
import type { Actor, Conversation, Message } from '../records.ts';
import { createOutbox, type Outbox } from './outbox.ts';

export interface TransitionInput {
  conversation: Conversation;
  command: TransitionCommand;
  actor: Actor;
  patch?: Omit<ConversationPatch, 'status'>;
  /** a system message shown to both sides, e.g. "Wang joined" */
  notice?: SystemNotice;
  data?: Record<string, unknown>;
  /** for `requestHuman`: why, and where to */
  handoff?: { reason: HandoffReason; target: HandoffTarget };
  assigneeName?: string | null;
  /** for `transfer` and `assign` by transfer: where from, where to, and the note */
  transfer?: Omit<DomainEventMap['conversation.transferred'], keyof ConversationChangeBase>;
  /** for `release`: put back by its person, their offline grace ran out, or they left it unanswered */
  why?: 'released' | 'agent_offline' | 'unanswered';
  /** a timer acting on what it read: only if no message came since */
  expectLastSeq?: number;
}

type ConversationChangeBase = Pick<DomainEventMap['conversation.assigned'], 'conversation' | 'actor'>;

const actorId = (actor: Actor) =>
  actor.kind === 'agent' ? actor.user.id : actor.kind === 'customer' ? actor.contactId : null;

/**
 * Inside a transaction: compare-and-set on the current status, an event-log row and the optional system
 * notice; the events go to `outbox` (published after the commit). Null when another actor moved it first.
 */
export async function transitionWithin(
  tx: Store,
  outbox: Outbox,
  input: TransitionInput,
): Promise<Conversation | null> {
  const { conversation, command, actor } = input;
  const to = nextStatus(conversation.status, command);
  // every change ends a pending offer (even one made after this conversation was read) and starts a new round
  // of offers; a change of person ends a nudge. The compare-and-set also expects the person who held it when
  // it was read, so a transfer, a timer or two racing commands never act on a stale read.
  const changesPerson = conversation.status === 'assigned' || to === 'assigned';
  const updated = await tx.conversations.transition(
    conversation.id,
    conversation.status,
    {
      status: to,
      offer: null,
      declinedBy: [],
      // what a person served, the bot does not answer later (when it is back in the queue or with the bot)
      ...(changesPerson ? { settleBot: true as const, nudgedAt: null } : {}),
      ...input.patch,
    },
    {
      assigneeId: conversation.assigneeId,
      ...(input.expectLastSeq !== undefined ? { lastSeq: input.expectLastSeq } : {}),
    },
  );
  if (!updated) return null;
  // experts consulted for the previous person (or on a conversation that ended) leave it
  if (changesPerson || to === 'resolved' || to === 'closed')
    await tx.service.clearParticipants(conversation.id);
  await tx.events.record({
    conversationId: conversation.id,
    workspaceId: conversation.workspaceId,
    type: command,
    fromStatus: conversation.status,
    toStatus: to,
    actorKind: actor.kind,
    actorId: actorId(actor),
    data: input.data ?? {},
  });
  let notice: Message | null = null;
  let current = updated;
  if (input.notice) {
    const appended = await tx.messages.append({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      clientId: null,
      authorKind: 'system',
      authorId: null,
      text: '',
      notice: input.notice,
    });
    notice = appended.message;
    current = { ...updated, lastSeq: notice.seq };
  }
  // a pending offer to someone ends with any change of status (its person is told)
  const endedOfferTo = conversation.offer ? conversation.offer.userId : undefined;
  const change = {
    conversation: current,
    actor,
    ...(input.assigneeName !== undefined ? { assigneeName: input.assigneeName } : {}),
    ...(endedOfferTo ? { endedOfferTo } : {}),
  };
  switch (command) {
    case 'requestHuman':
      outbox.add('conversation.queued', {
        ...change,
        reason: input.handoff?.reason ?? 'customer_request',
        target: input.handoff?.target ?? { tier: 'agent', team: null, detail: null },
      });
      break;
    case 'accept':
      outbox.add('conversation.assigned', change);
      break;
    case 'release':
      outbox.add('conversation.released', { ...change, why: input.why ?? 'released' });
      break;
    case 'transfer':
    case 'assign':
      if (command === 'assign') outbox.add('conversation.assigned', change);
      if (input.transfer) outbox.add('conversation.transferred', { ...change, ...input.transfer });
      break;
    case 'handBack':
      outbox.add('conversation.handedBack', change);
      break;
    case 'resolve':
      outbox.add('conversation.resolved', change);
      break;
    case 'reopen':
      outbox.add('conversation.reopened', change);
      break;
    case 'close':
      outbox.add('conversation.closed', change);
      break;
  }
  if (notice) outbox.add('message.created', { message: notice, conversation: current });
  return current;
}

/**
 * Moves a conversation along the state machine atomically (see `transitionWithin`); events are published
 * after the commit. Throws `invalid_transition` when the command is not allowed, or when another actor
 * moved it first.
 */
export async function applyTransition(deps: Deps, input: TransitionInput): Promise<Conversation> {
  const outbox = createOutbox();
  // run again when PostgreSQL aborts it over a deadlock with another transaction (nothing else is done here)
  const result = await deps.store.transaction(
    (tx) => {
      outbox.clear();
      return transitionWithin(tx, outbox, input);
    },
    { retry: true },
  );
  if (!result) {
    const current = await deps.store.conversations.findById(input.conversation.id);
    throw new DomainError(
      'invalid_transition',
      `conversation changed meanwhile (now ${current?.status ?? 'gone'}); cannot ${input.command}`,
    );
  }
  outbox.publish(deps.events);
  return result;
}
