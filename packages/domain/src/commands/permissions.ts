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
