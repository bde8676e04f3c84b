import type { ConversationStatus } from '@tandem/protocol';
import { DomainError } from '../errors.ts';

/** The commands that change a conversation's status. */
export type TransitionCommand =
  | 'requestHuman'
  | 'accept'
  | 'release'
  | 'transfer'
  | 'assign'
  | 'handBack'
  | 'resolve'
  | 'reopen'
  | 'close';

/**
 * Allowed transitions: bot → queued → assigned → resolved, plus closed. `transfer` moves a conversation to
 * another queue (a team, the expert tier), `assign` gives it to a named person, `handBack` returns it to the
 * bot, `reopen` gives a resolved one to the person taking it up again (a closed one stays closed). A command
 * not listed for a status is forbidden in that status.
 */
export const transitions: Record<
  ConversationStatus,
  Partial<Record<TransitionCommand, ConversationStatus>>
> = {
  bot: { requestHuman: 'queued', resolve: 'resolved', close: 'closed' },
  queued: {
    accept: 'assigned',
    transfer: 'queued',
    assign: 'assigned',
    handBack: 'bot',
    resolve: 'resolved',
    close: 'closed',
  },
  assigned: {
    release: 'queued',
    transfer: 'queued',
    assign: 'assigned',
    handBack: 'bot',
    resolve: 'resolved',
    close: 'closed',
  },
  resolved: { reopen: 'assigned', close: 'closed' },
  closed: {},
};

export function canTransition(from: ConversationStatus, command: TransitionCommand): boolean {
  return transitions[from][command] !== undefined;
}

/** The status a command leads to from `from`, or an `invalid_transition` error. */
export function nextStatus(from: ConversationStatus, command: TransitionCommand): ConversationStatus {
  const to = transitions[from][command];
  if (!to) throw new DomainError('invalid_transition', `cannot ${command} a conversation that is ${from}`);
  return to;
}

/** Open conversations take new customer messages; resolved and closed ones do not. */
export const isOpen = (status: ConversationStatus) => status !== 'resolved' && status !== 'closed';
