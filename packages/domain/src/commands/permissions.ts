import { DomainError } from '../errors.ts';
import type { Actor, Conversation } from '../records.ts';

const supervises = (actor: Actor) =>
  actor.kind === 'agent' && (actor.user.role === 'admin' || actor.user.role === 'supervisor');

/** An assigned conversation belongs to its assignee; admins and supervisors may step in. */
export function assertMayAct(conversation: Conversation, actor: Actor): void {
  if (actor.kind !== 'agent' || supervises(actor)) return;
  if (conversation.status === 'assigned' && conversation.assigneeId !== actor.user.id) {
    throw new DomainError('not_assignee', 'this conversation is assigned to a teammate');
  }
}

/**
 * Resolving ends the customer's conversation, so only its assignee, supervisors and admins may: a plain
 * agent or expert cannot resolve a conversation nobody accepted (with the bot or waiting in the queue);
 * they accept it first. Statuses the state machine does not resolve from are left to it
 * (`invalid_transition`). The bot and the system are not staff and are not restricted here.
 */
export function assertMayResolve(conversation: Conversation, actor: Actor): void {
  assertMayAct(conversation, actor);
  if (actor.kind !== 'agent' || supervises(actor)) return;
  if (conversation.status === 'bot' || conversation.status === 'queued') {
    throw new DomainError(
      'forbidden',
      'only the assignee, a supervisor or an admin may resolve a conversation; accept it first',
    );
  }
}

/**
 * Transferring or handing back: the assignee of a served conversation, or a supervisor or admin for any
 * waiting or served one. The bot's conversations are the bot's (staff take them from the queue, or watch).
 */
export function assertMayHandle(conversation: Conversation, actor: Actor): void {
  assertMayAct(conversation, actor);
  if (supervises(actor)) return;
  if (conversation.status !== 'assigned') {
    throw new DomainError(
      'forbidden',
      'only the assignee, a supervisor or an admin may pass this conversation on; accept it first',
    );
  }
}

/**
 * Reopening a resolved conversation: the person who served it (its last assignee), supervisors and admins.
 * Another agent or expert — of another team or the same one — may not take up a teammate's conversation.
 */
export function assertMayReopen(conversation: Conversation, actor: Actor): void {
  if (actor.kind !== 'agent' || supervises(actor)) return;
  const id = actor.user.id;
  if (conversation.assigneeId !== id && conversation.lastAgentId !== id) {
    throw new DomainError(
      'forbidden',
      'only the person who served it, a supervisor or an admin may reopen this conversation',
    );
  }
}
