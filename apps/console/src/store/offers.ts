import type { AgentConversation } from '@tandem/protocol';
import type { ClientErrorCode } from '../api.ts';
import { isNewer } from './inbox.ts';

/**
 * Conversations the router offers to me: each waits for Accept or Decline until its deadline. An offer is
 * known from `conversation:offered` (at once) and from the inbox's rows (`offer.userId` is me), so offers
 * pending before a reload or a reconnect come back; it ends on `offer:withdrawn`, on a row that no longer
 * offers it to me, at its deadline, or when I have answered it.
 */
export interface PendingOffer {
  conversation: AgentConversation;
  /** the server's deadline (its clock) */
  expiresAt: string;
  /** the deadline by this browser's clock */
  deadline: number;
  /** when this browser first showed it (the countdown's full length is `deadline - shownAt`) */
  shownAt: number;
  /** Accept or Decline under way */
  busy: 'accept' | 'decline' | null;
  /** why the last Accept or Decline failed */
  error: ClientErrorCode | null;
}

export interface OffersState {
  /** oldest first */
  offers: PendingOffer[];
  /** this browser's clock minus the server's, estimated from the latest live offer (0 until one arrives) */
  skewMs: number;
  /** offers that ended here (answered, withdrawn, expired), by conversation: their `expiresAt`, so a stale row never brings one back */
  ended: Record<string, string>;
}

export type OffersAction =
  /** `conversation:offered`, received at `now` (this browser's clock) */
  | { type: 'offered'; conversation: AgentConversation; expiresAt: string; now: number }
  /** `offer:withdrawn`: timed out, taken by someone else, or withdrawn by the server */
  | { type: 'withdrawn'; conversationId: string }
  /** the inbox's rows (a snapshot or live updates): offers to me they show are added, others ended */
  | { type: 'rows'; rows: readonly AgentConversation[]; meId: string; now: number }
  | { type: 'busy'; conversationId: string; action: 'accept' | 'decline' }
  | { type: 'failed'; conversationId: string; error: ClientErrorCode }
  /** answered (or dismissed after a failure): the card goes */
  | { type: 'done'; conversationId: string }
  /** the clock moved on: offers past their deadline go, unless an answer is under way or failed */
  | { type: 'tick'; now: number };

export const emptyOffers: OffersState = { offers: [], skewMs: 0, ended: {} };

/** The longest offer a team may make (teams' `offerTimeoutSeconds` is at most an hour). */
const longestOfferMs = 3_600_000;
/** Ended offers are remembered this long past their deadline, then forgotten. */
const rememberEndedMs = 5 * 60_000;

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/**
 * The browser's clock minus the server's, from an offer received live: the row was written when the offer
 * was made, so `now - updatedAt` is the skew plus the delivery time (which only keeps a card a moment
 * longer; the server's `offer:withdrawn` still ends it on time). Implausible rows keep the last estimate.
 */
function estimateSkew(conversation: AgentConversation, expiresAt: string, now: number, previous: number) {
  const madeAt = time(conversation.updatedAt);
  const length = time(expiresAt) - madeAt;
  if (madeAt === 0 || length <= 0 || length > longestOfferMs) return previous;
  return now - madeAt;
}

function end(state: OffersState, conversationId: string): OffersState {
  const offer = state.offers.find((item) => item.conversation.id === conversationId);
  if (!offer) return state;
  return {
    ...state,
    offers: state.offers.filter((item) => item !== offer),
    ended: { ...state.ended, [conversationId]: offer.expiresAt },
  };
}

function update(
  state: OffersState,
  conversationId: string,
  change: (offer: PendingOffer) => PendingOffer,
): OffersState {
  const index = state.offers.findIndex((item) => item.conversation.id === conversationId);
  if (index < 0) return state;
  const offers = [...state.offers];
  offers[index] = change(offers[index] as PendingOffer);
  return { ...state, offers };
}

/** Adds the offer, or refreshes the one held for the conversation (a new offer of it restarts the card). */
function add(
  state: OffersState,
  conversation: AgentConversation,
  expiresAt: string,
  now: number,
): OffersState {
  if (state.ended[conversation.id] === expiresAt) return state;
  const deadline = time(expiresAt) + state.skewMs;
  if (deadline <= now) return state;
  const current = state.offers.find((item) => item.conversation.id === conversation.id);
  if (current) {
    const fresher = conversation !== current.conversation && isNewer(conversation, current.conversation);
    // offered to me again (a later deadline); a stale row's earlier one changes nothing
    const renewed = time(expiresAt) > time(current.expiresAt);
    if (!fresher && !renewed) return state;
    return update(state, conversation.id, (offer) => ({
      ...offer,
      conversation: fresher ? conversation : offer.conversation,
      ...(renewed ? { expiresAt, deadline, shownAt: now, error: null } : {}),
    }));
  }
  const offer: PendingOffer = { conversation, expiresAt, deadline, shownAt: now, busy: null, error: null };
  return { ...state, offers: [...state.offers, offer] };
}

/** Neither being answered nor showing why an answer failed (that stays until dismissed). */
const settled = (offer: PendingOffer) => offer.busy === null && offer.error === null;

function offeredTo(conversation: AgentConversation, meId: string): string | null {
  return conversation.status === 'queued' && conversation.offer?.userId === meId
    ? conversation.offer.expiresAt
    : null;
}

function fromRows(state: OffersState, rows: readonly AgentConversation[], meId: string, now: number) {
  let next = state;
  for (const row of rows) {
    const expiresAt = offeredTo(row, meId);
    if (expiresAt) {
      next = add(next, row, expiresAt, now);
      continue;
    }
    const held = next.offers.find((item) => item.conversation.id === row.id);
    // a later row that no longer offers it to me: the offer ended
    if (held && settled(held) && time(row.updatedAt) > time(held.conversation.updatedAt)) {
      next = end(next, row.id);
    }
  }
  return next;
}

export function offersReducer(state: OffersState, action: OffersAction): OffersState {
  switch (action.type) {
    case 'offered': {
      const skewMs = estimateSkew(action.conversation, action.expiresAt, action.now, state.skewMs);
      return add({ ...state, skewMs }, action.conversation, action.expiresAt, action.now);
    }
    case 'withdrawn': {
      // an answer under way settles by itself (and shows why, if it failed)
      const held = state.offers.find((item) => item.conversation.id === action.conversationId);
      return held && !held.busy ? end(state, action.conversationId) : state;
    }
    case 'rows':
      return fromRows(state, action.rows, action.meId, action.now);
    case 'busy':
      return update(state, action.conversationId, (offer) => ({
        ...offer,
        busy: action.action,
        error: null,
      }));
    case 'failed':
      return update(state, action.conversationId, (offer) => ({ ...offer, busy: null, error: action.error }));
    case 'done':
      return end(state, action.conversationId);
    case 'tick': {
      let next = state;
      for (const offer of state.offers) {
        if (settled(offer) && offer.deadline <= action.now) next = end(next, offer.conversation.id);
      }
      const forgettable = Object.entries(next.ended).filter(
        ([, expiresAt]) => time(expiresAt) + next.skewMs + rememberEndedMs < action.now,
      );
      if (forgettable.length === 0) return next;
      const ended = { ...next.ended };
      for (const [id] of forgettable) delete ended[id];
      return { ...next, ended };
    }
  }
}

/** Errors after which the offer is over: the card only tells why, and is dismissed. */
const finalErrors: ReadonlySet<ClientErrorCode> = new Set([
  'no_offer',
  'already_assigned',
  'invalid_transition',
  'conversation_not_found',
  'not_found',
  'forbidden',
  'not_assignee',
]);

export function isOver(offer: PendingOffer): boolean {
  return offer.error !== null && finalErrors.has(offer.error);
}

/**
 * Whole seconds left to answer (0 once the deadline has passed). `now` may be a clock reading from just
 * before the card was shown (the countdown ticks once a second): it never shows more than it started with.
 */
export function secondsLeft(offer: PendingOffer, now: number): number {
  return Math.max(0, Math.ceil((offer.deadline - Math.max(now, offer.shownAt)) / 1000));
}

/** How much of the time to answer is left, 0–1, for the countdown bar. */
export function fractionLeft(offer: PendingOffer, now: number): number {
  const length = offer.deadline - offer.shownAt;
  if (length <= 0) return 0;
  return Math.min(1, Math.max(0, (offer.deadline - Math.max(now, offer.shownAt)) / length));
}
