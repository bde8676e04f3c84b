import type { AgentConversation } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import {
  emptyOffers,
  fractionLeft,
  isOver,
  type OffersAction,
  type OffersState,
  offersReducer,
  secondsLeft,
} from './offers.ts';
import { conversation } from './testFixtures.ts';

const me = '00000000-0000-4000-8000-0000000000ee';
const other = '00000000-0000-4000-8000-0000000000ff';
const at = (iso: string) => Date.parse(iso);

/** A queued conversation offered to `userId` at `madeAt` for 30 seconds. */
function offered(madeAt: string, userId = me, overrides: Partial<AgentConversation> = {}) {
  const expiresAt = new Date(at(madeAt) + 30_000).toISOString();
  return {
    row: conversation({
      status: 'queued',
      queuedAt: '2025-03-01T08:00:00.000Z',
      offer: { userId, expiresAt },
      updatedAt: madeAt,
      ...overrides,
    }),
    expiresAt,
  };
}

const run = (state: OffersState, ...actions: OffersAction[]) => actions.reduce(offersReducer, state);
const ids = (state: OffersState) => state.offers.map((offer) => offer.conversation.id);

describe('offersReducer', () => {
  it('adds a live offer with a countdown to its deadline', () => {
    const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
    const state = run(emptyOffers, {
      type: 'offered',
      conversation: row,
      expiresAt,
      now: at('2025-03-01T08:10:00.000Z'),
    });
    expect(ids(state)).toEqual([row.id]);
    const [offer] = state.offers;
    expect(offer?.busy).toBeNull();
    expect(secondsLeft(offer!, at('2025-03-01T08:10:00.000Z'))).toBe(30);
    expect(secondsLeft(offer!, at('2025-03-01T08:10:20.500Z'))).toBe(10);
    expect(secondsLeft(offer!, at('2025-03-01T08:11:00.000Z'))).toBe(0);
    expect(fractionLeft(offer!, at('2025-03-01T08:10:15.000Z'))).toBeCloseTo(0.5);
    // the countdown's clock may read from just before the card came: it never shows more than it began with
    expect(secondsLeft(offer!, at('2025-03-01T08:09:59.200Z'))).toBe(30);
    expect(fractionLeft(offer!, at('2025-03-01T08:09:59.200Z'))).toBe(1);
  });

  it('keeps several offers at once, oldest first, and one card per conversation', () => {
    const first = offered('2025-03-01T08:10:00.000Z');
    const second = offered('2025-03-01T08:10:05.000Z');
    const now = at('2025-03-01T08:10:06.000Z');
    const state = run(
      emptyOffers,
      { type: 'offered', conversation: first.row, expiresAt: first.expiresAt, now },
      { type: 'offered', conversation: second.row, expiresAt: second.expiresAt, now },
      { type: 'offered', conversation: first.row, expiresAt: first.expiresAt, now },
    );
    expect(ids(state)).toEqual([first.row.id, second.row.id]);
  });

  it('removes an offer when it is withdrawn, answered or past its deadline', () => {
    const a = offered('2025-03-01T08:10:00.000Z');
    const b = offered('2025-03-01T08:10:10.000Z');
    const c = offered('2025-03-01T08:10:20.000Z');
    // each arrives as it is made
    let state = run(
      emptyOffers,
      { type: 'offered', conversation: a.row, expiresAt: a.expiresAt, now: at(a.row.updatedAt) },
      { type: 'offered', conversation: b.row, expiresAt: b.expiresAt, now: at(b.row.updatedAt) },
      { type: 'offered', conversation: c.row, expiresAt: c.expiresAt, now: at(c.row.updatedAt) },
    );
    state = offersReducer(state, { type: 'withdrawn', conversationId: b.row.id });
    expect(ids(state)).toEqual([a.row.id, c.row.id]);
    state = offersReducer(state, { type: 'done', conversationId: c.row.id });
    expect(ids(state)).toEqual([a.row.id]);
    // a's deadline (08:10:30) passes
    state = offersReducer(state, { type: 'tick', now: at('2025-03-01T08:10:29.000Z') });
    expect(ids(state)).toEqual([a.row.id]);
    state = offersReducer(state, { type: 'tick', now: at('2025-03-01T08:10:30.000Z') });
    expect(ids(state)).toEqual([]);
  });

  it('ignores an offer that has already run out', () => {
    const { row } = offered('2025-03-01T08:10:00.000Z');
    const state = run(emptyOffers, {
      type: 'rows',
      rows: [row],
      meId: me,
      now: at('2025-03-01T08:11:00.000Z'),
    });
    expect(state.offers).toEqual([]);
  });

  it('keeps a card while Accept or Decline is under way, and shows why it failed until dismissed', () => {
    const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
    const now = at('2025-03-01T08:10:01.000Z');
    let state = run(
      emptyOffers,
      { type: 'offered', conversation: row, expiresAt, now },
      { type: 'busy', conversationId: row.id, action: 'accept' },
      // the offer ran out while the answer was on its way
      { type: 'withdrawn', conversationId: row.id },
      { type: 'tick', now: at('2025-03-01T08:10:31.000Z') },
    );
    expect(state.offers[0]?.busy).toBe('accept');
    state = offersReducer(state, { type: 'failed', conversationId: row.id, error: 'no_offer' });
    expect(state.offers[0]).toMatchObject({ busy: null, error: 'no_offer' });
    expect(isOver(state.offers[0]!)).toBe(true);
    state = offersReducer(state, { type: 'tick', now: at('2025-03-01T08:10:40.000Z') });
    expect(ids(state)).toEqual([row.id]);
    state = offersReducer(state, { type: 'done', conversationId: row.id });
    expect(state.offers).toEqual([]);
  });

  it('lets a failure on the way (network) be tried again', () => {
    const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
    const state = run(
      emptyOffers,
      { type: 'offered', conversation: row, expiresAt, now: at('2025-03-01T08:10:00.000Z') },
      { type: 'busy', conversationId: row.id, action: 'decline' },
      { type: 'failed', conversationId: row.id, error: 'network' },
    );
    expect(isOver(state.offers[0]!)).toBe(false);
    expect(
      offersReducer(state, { type: 'busy', conversationId: row.id, action: 'decline' }).offers[0],
    ).toMatchObject({ busy: 'decline', error: null });
  });

  describe('from inbox rows', () => {
    it('brings back offers to me after a reload, and not offers to teammates', () => {
      const mine = offered('2025-03-01T08:10:00.000Z');
      const theirs = offered('2025-03-01T08:10:00.000Z', other);
      const state = run(emptyOffers, {
        type: 'rows',
        rows: [mine.row, theirs.row, conversation({ status: 'assigned' })],
        meId: me,
        now: at('2025-03-01T08:10:05.000Z'),
      });
      expect(ids(state)).toEqual([mine.row.id]);
    });

    it('ends the offer when a later row no longer offers it to me, not for an earlier one', () => {
      const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
      const now = at('2025-03-01T08:10:01.000Z');
      let state = run(emptyOffers, { type: 'offered', conversation: row, expiresAt, now });
      // the inbox still holds the row from before the offer: the card stays
      const before = { ...row, offer: null, updatedAt: '2025-03-01T08:09:00.000Z' };
      state = offersReducer(state, { type: 'rows', rows: [before], meId: me, now });
      expect(ids(state)).toEqual([row.id]);
      // a teammate took it
      const taken = {
        ...row,
        status: 'assigned' as const,
        offer: null,
        assignee: { id: other, name: 'Li Na' },
        updatedAt: '2025-03-01T08:10:03.000Z',
      };
      state = offersReducer(state, { type: 'rows', rows: [taken], meId: me, now });
      expect(state.offers).toEqual([]);
    });

    it('keeps the card current with the row (preview) and returns the same state when nothing changed', () => {
      const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
      const now = at('2025-03-01T08:10:01.000Z');
      let state = run(emptyOffers, { type: 'rows', rows: [row], meId: me, now });
      expect(offersReducer(state, { type: 'rows', rows: [row], meId: me, now })).toBe(state);
      const wrote = {
        ...row,
        lastMessage: {
          text: 'are you there?',
          authorKind: 'customer' as const,
          createdAt: '2025-03-01T08:10:02Z',
        },
      };
      state = offersReducer(state, { type: 'rows', rows: [wrote], meId: me, now });
      expect(state.offers[0]?.conversation.lastMessage?.text).toBe('are you there?');
      expect(state.offers[0]?.expiresAt).toBe(expiresAt);
    });

    it('does not bring back an offer I answered from a stale row, but shows a new offer of it', () => {
      const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
      const now = at('2025-03-01T08:10:01.000Z');
      let state = run(
        emptyOffers,
        { type: 'offered', conversation: row, expiresAt, now },
        { type: 'done', conversationId: row.id },
        { type: 'rows', rows: [row], meId: me, now },
      );
      expect(state.offers).toEqual([]);
      const again = offered('2025-03-01T08:12:00.000Z', me, { id: row.id, contact: row.contact });
      state = offersReducer(state, {
        type: 'rows',
        rows: [again.row],
        meId: me,
        now: at('2025-03-01T08:12:01.000Z'),
      });
      expect(state.offers.map((offer) => offer.expiresAt)).toEqual([again.expiresAt]);
    });
  });

  it("follows the server's clock when this browser's is wrong", () => {
    // the browser's clock is 2 minutes ahead: the 30-second offer must not look expired on arrival
    const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
    const ahead = 120_000;
    const now = at('2025-03-01T08:10:00.200Z') + ahead;
    let state = run(emptyOffers, { type: 'offered', conversation: row, expiresAt, now });
    expect(ids(state)).toEqual([row.id]);
    expect(secondsLeft(state.offers[0]!, now)).toBe(30);
    state = offersReducer(state, { type: 'tick', now: now + 29_000 });
    expect(ids(state)).toEqual([row.id]);
    // the skew learnt from it applies to offers found in rows too
    const later = offered('2025-03-01T08:10:10.000Z');
    state = offersReducer(state, { type: 'rows', rows: [later.row], meId: me, now: now + 10_000 });
    expect(ids(state)).toEqual([row.id, later.row.id]);
    state = offersReducer(state, { type: 'tick', now: now + 31_000 });
    expect(ids(state)).toEqual([later.row.id]);
  });

  it('forgets answered offers some minutes after their deadline', () => {
    const { row, expiresAt } = offered('2025-03-01T08:10:00.000Z');
    let state = run(
      emptyOffers,
      { type: 'offered', conversation: row, expiresAt, now: at('2025-03-01T08:10:00.000Z') },
      { type: 'done', conversationId: row.id },
    );
    expect(state.ended[row.id]).toBe(expiresAt);
    state = offersReducer(state, { type: 'tick', now: at('2025-03-01T08:20:00.000Z') });
    expect(state.ended).toEqual({});
  });
});
