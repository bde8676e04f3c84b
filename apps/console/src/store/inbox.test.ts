import type { InboxActivity } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import {
  countByView,
  emptyInbox,
  inboxReducer,
  parseActivity,
  selectView,
  unreadMine,
  viewOf,
} from './inbox.ts';
import { conversation, message } from './testFixtures.ts';

const me = '00000000-0000-4000-8000-0000000000ee';
const other = '00000000-0000-4000-8000-0000000000ff';

describe('viewOf', () => {
  it('puts each status in its tab and assigned ones only in their assignee’s Mine', () => {
    expect(viewOf(conversation({ status: 'queued' }), me)).toBe('queued');
    expect(viewOf(conversation({ status: 'bot' }), me)).toBe('bot');
    expect(viewOf(conversation({ status: 'resolved' }), me)).toBe('resolved');
    expect(viewOf(conversation({ status: 'closed' }), me)).toBe('resolved');
    expect(viewOf(conversation({ status: 'assigned', assignee: { id: me, name: 'Me' } }), me)).toBe('mine');
    expect(viewOf(conversation({ status: 'assigned', assignee: { id: other, name: 'Li' } }), me)).toBeNull();
  });
});

describe('inboxReducer', () => {
  it('upserts and moves a conversation between views as its status changes', () => {
    const queued = conversation({ status: 'queued', queuedAt: '2025-03-01T08:00:00.000Z' });
    let state = inboxReducer(emptyInbox, { type: 'upsert', conversation: queued });
    expect(selectView(state, 'queued', me).map((c) => c.id)).toEqual([queued.id]);

    const accepted = {
      ...queued,
      status: 'assigned' as const,
      assignee: { id: me, name: 'Me' },
      updatedAt: '2025-03-01T08:01:00.000Z',
    };
    state = inboxReducer(state, { type: 'upsert', conversation: accepted });
    expect(selectView(state, 'queued', me)).toEqual([]);
    expect(selectView(state, 'mine', me).map((c) => c.id)).toEqual([queued.id]);
    expect(countByView(state, me)).toEqual({ queued: 0, mine: 1, team: 0, all: 0, bot: 0, resolved: 0 });
  });

  it('ignores updates older than what it holds', () => {
    const fresh = conversation({ status: 'assigned', updatedAt: '2025-03-01T09:00:00.000Z' });
    const stale = { ...fresh, status: 'queued' as const, updatedAt: '2025-03-01T08:00:00.000Z' };
    const state = inboxReducer(inboxReducer(emptyInbox, { type: 'upsert', conversation: fresh }), {
      type: 'upsert',
      conversation: stale,
    });
    expect(state.byId[fresh.id]?.status).toBe('assigned');
  });

  it('highlights conversations that enter the queue live, until seen or taken', () => {
    const bot = conversation({ status: 'bot' });
    let state = inboxReducer(emptyInbox, { type: 'upsert', conversation: bot });
    const queued = { ...bot, status: 'queued' as const, updatedAt: '2025-03-01T08:05:00.000Z' };
    state = inboxReducer(state, { type: 'upsert', conversation: queued, live: true });
    expect(state.highlighted[bot.id]).toBe(true);
    state = inboxReducer(state, { type: 'seen', id: bot.id });
    expect(state.highlighted[bot.id]).toBeUndefined();

    const other = conversation({ status: 'queued' });
    state = inboxReducer(state, { type: 'upsert', conversation: other, live: true });
    expect(state.highlighted[other.id]).toBe(true);
    const taken = { ...other, status: 'assigned' as const, updatedAt: '2025-03-01T09:00:00.000Z' };
    state = inboxReducer(state, { type: 'upsert', conversation: taken, live: true });
    expect(state.highlighted[other.id]).toBeUndefined();
  });

  it('does not highlight what a fetch loads', () => {
    const queued = conversation({ status: 'queued' });
    const state = inboxReducer(emptyInbox, { type: 'upsert', conversation: queued });
    expect(state.highlighted).toEqual({});
  });

  it('replaces its contents on load, keeping newer copies and the open conversation', () => {
    const a = conversation({ status: 'bot', updatedAt: '2025-03-01T10:00:00.000Z' });
    const gone = conversation({ status: 'queued' });
    const open = conversation({ status: 'assigned', assignee: { id: other, name: 'Li' } });
    let state = emptyInbox;
    for (const c of [a, gone, open]) state = inboxReducer(state, { type: 'upsert', conversation: c });
    const olderA = { ...a, status: 'queued' as const, updatedAt: '2025-03-01T09:00:00.000Z' };
    state = inboxReducer(state, { type: 'loaded', conversations: [olderA], keep: [open.id, 'not-held'] });
    expect(Object.keys(state.byId).sort()).toEqual([a.id, open.id].sort());
    expect(state.byId[a.id]?.status).toBe('bot');
  });

  it('updates the row preview from a new message, ignoring system notices and older messages', () => {
    const c = conversation({
      status: 'bot',
      lastMessage: { text: 'hi', authorKind: 'customer', createdAt: '2025-03-01T08:00:00.000Z' },
    });
    let state = inboxReducer(emptyInbox, { type: 'upsert', conversation: c });
    const newer = message({
      seq: 2,
      conversationId: c.id,
      text: 'order?',
      createdAt: '2025-03-01T08:02:00.000Z',
    });
    state = inboxReducer(state, { type: 'message', message: newer });
    expect(state.byId[c.id]?.lastMessage?.text).toBe('order?');
    const notice = message({
      seq: 3,
      conversationId: c.id,
      author: { kind: 'system', name: null },
      notice: { code: 'queued' },
      createdAt: '2025-03-01T08:03:00.000Z',
    });
    expect(inboxReducer(state, { type: 'message', message: notice })).toBe(state);
    const older = message({ seq: 1, conversationId: c.id, createdAt: '2025-03-01T07:00:00.000Z' });
    expect(inboxReducer(state, { type: 'message', message: older })).toBe(state);
  });
});

describe('inbox activity (messages moving rows)', () => {
  const angry: InboxActivity['emotion'] = {
    current: { state: 'angry', basic: 'anger', polarity: 'negative', intensity: 0.9 },
    trend: 'worsening',
    history: [],
  };

  function activity(conversationId: string, at: string, text = `said at ${at}`): InboxActivity {
    return {
      conversationId,
      status: 'bot',
      lastMessage: { text, authorKind: 'customer', createdAt: at },
      emotion: null,
      updatedAt: at,
    };
  }

  it('updates the preview, emotion and time of rows it holds, and re-sorts them', () => {
    const quiet = conversation({ status: 'bot', updatedAt: '2025-03-01T08:00:00.000Z' });
    const busy = conversation({ status: 'bot', updatedAt: '2025-03-01T08:30:00.000Z' });
    let state = emptyInbox;
    for (const c of [quiet, busy]) state = inboxReducer(state, { type: 'upsert', conversation: c });
    expect(selectView(state, 'bot', me).map((c) => c.id)).toEqual([busy.id, quiet.id]);

    const item = { ...activity(quiet.id, '2025-03-01T09:00:00.000Z', 'where is my parcel?'), emotion: angry };
    state = inboxReducer(state, { type: 'activity', items: [item] });
    expect(state.byId[quiet.id]).toEqual({
      ...quiet,
      lastMessage: item.lastMessage,
      emotion: angry,
      updatedAt: '2025-03-01T09:00:00.000Z',
    });
    expect(selectView(state, 'bot', me).map((c) => c.id)).toEqual([quiet.id, busy.id]);
  });

  it('never changes the status (only conversation:updated does) and ignores rows it does not hold', () => {
    const queued = conversation({ status: 'queued' });
    let state = inboxReducer(emptyInbox, { type: 'upsert', conversation: queued, live: true });
    const stale = { ...activity(queued.id, '2025-03-01T08:10:00.000Z'), status: 'bot' as const };
    const unknown = activity('00000000-0000-4000-8000-0000000000dd', '2025-03-01T08:10:00.000Z');
    state = inboxReducer(state, { type: 'activity', items: [stale, unknown] });
    expect(state.byId[queued.id]?.status).toBe('queued');
    expect(state.byId[queued.id]?.lastMessage?.createdAt).toBe('2025-03-01T08:10:00.000Z');
    expect(state.highlighted[queued.id]).toBe(true);
    expect(Object.keys(state.byId)).toEqual([queued.id]);
  });

  it('ignores an item older than the preview the row already shows', () => {
    const c = conversation({
      status: 'bot',
      updatedAt: '2025-03-01T08:05:00.000Z',
      lastMessage: { text: 'newest', authorKind: 'bot', createdAt: '2025-03-01T08:05:00.000Z' },
    });
    const state = inboxReducer(emptyInbox, { type: 'upsert', conversation: c });
    const older = activity(c.id, '2025-03-01T08:04:00.000Z', 'older');
    expect(inboxReducer(state, { type: 'activity', items: [older] })).toBe(state);
  });

  it('keeps a newer whole row’s time and emotion when a delayed item for its last message arrives', () => {
    // the message at 08:10 handed the conversation over; the whole row (read after) came first
    const c = conversation({
      status: 'queued',
      emotion: angry,
      updatedAt: '2025-03-01T08:10:00.500Z',
      lastMessage: { text: 'a person please', authorKind: 'customer', createdAt: '2025-03-01T08:10:00.000Z' },
    });
    const state = inboxReducer(emptyInbox, { type: 'upsert', conversation: c });
    const late = activity(c.id, '2025-03-01T08:10:00.000Z', 'a person please');
    expect(inboxReducer(state, { type: 'activity', items: [late] })).toBe(state);
    // a later message in the same batch still moves it
    const next = inboxReducer(state, {
      type: 'activity',
      items: [late, activity(c.id, '2025-03-01T08:11:00.000Z', 'hello?')],
    });
    expect(next.byId[c.id]?.lastMessage?.text).toBe('hello?');
    expect(next.byId[c.id]?.updatedAt).toBe('2025-03-01T08:11:00.000Z');
    expect(next.byId[c.id]?.status).toBe('queued');
  });

  it('returns the same state when nothing changed (a repeated item)', () => {
    const c = conversation({ status: 'bot' });
    let state = inboxReducer(emptyInbox, { type: 'upsert', conversation: c });
    const item = activity(c.id, '2025-03-01T08:20:00.000Z');
    state = inboxReducer(state, { type: 'activity', items: [item] });
    expect(inboxReducer(state, { type: 'activity', items: [{ ...item }] })).toBe(state);
    expect(inboxReducer(state, { type: 'activity', items: [] })).toBe(state);
  });

  it('checks payloads item by item', () => {
    const good = {
      ...activity('00000000-0000-4000-8000-0000000000d1', '2025-03-01T08:20:00.000Z'),
      emotion: angry,
    };
    expect(parseActivity({ items: [good, { conversationId: 'x' }, null] })).toEqual({
      items: [good],
      malformed: 2,
    });
    expect(parseActivity({ items: 'nope' })).toEqual({ items: [], malformed: 1 });
    expect(parseActivity(null)).toEqual({ items: [], malformed: 1 });
  });
});

describe('selectView ordering', () => {
  it('orders the queue by priority, then by longest wait', () => {
    const early = conversation({ status: 'queued', queuedAt: '2025-03-01T08:00:00.000Z' });
    const late = conversation({ status: 'queued', queuedAt: '2025-03-01T08:10:00.000Z' });
    const vip = conversation({ status: 'queued', priority: 5, queuedAt: '2025-03-01T08:20:00.000Z' });
    let state = emptyInbox;
    for (const c of [late, vip, early]) state = inboxReducer(state, { type: 'upsert', conversation: c });
    expect(selectView(state, 'queued', me).map((c) => c.id)).toEqual([vip.id, early.id, late.id]);
  });

  it('orders other tabs by latest activity, counting the last message', () => {
    const older = conversation({ status: 'bot', updatedAt: '2025-03-01T08:00:00.000Z' });
    const chatty = conversation({
      status: 'bot',
      updatedAt: '2025-03-01T07:00:00.000Z',
      lastMessage: { text: 'still here', authorKind: 'customer', createdAt: '2025-03-01T09:00:00.000Z' },
    });
    const newest = conversation({ status: 'bot', updatedAt: '2025-03-01T08:30:00.000Z' });
    let state = emptyInbox;
    for (const c of [older, chatty, newest]) state = inboxReducer(state, { type: 'upsert', conversation: c });
    expect(selectView(state, 'bot', me).map((c) => c.id)).toEqual([chatty.id, newest.id, older.id]);
  });
});

describe('team, all and unread', () => {
  const sales = { id: '00000000-0000-4000-8000-0000000000a1', key: 'sales', name: '售前', tier: 1 as const };
  const billing = {
    id: '00000000-0000-4000-8000-0000000000a2',
    key: 'billing',
    name: '账单',
    tier: 1 as const,
  };
  const mineTeams = { id: me, teamIds: new Set([sales.id]) };

  it('narrows the queue to my teams, fills Team with my teams’ conversations others serve', () => {
    const ours = conversation({ status: 'queued', team: sales });
    const theirs = conversation({ status: 'queued', team: billing });
    const unrouted = conversation({ status: 'queued' });
    const colleague = conversation({ status: 'assigned', team: sales, assignee: { id: other, name: 'Li' } });
    const elsewhere = conversation({
      status: 'assigned',
      team: billing,
      assignee: { id: other, name: 'Li' },
    });
    let state = emptyInbox;
    for (const item of [ours, theirs, unrouted, colleague, elsewhere])
      state = inboxReducer(state, { type: 'upsert', conversation: item });
    expect(new Set(selectView(state, 'queued', me, mineTeams).map((c) => c.id))).toEqual(
      new Set([ours.id, unrouted.id]),
    );
    expect(selectView(state, 'team', me, mineTeams).map((c) => c.id)).toEqual([colleague.id]);
    expect(selectView(state, 'all', me, mineTeams)).toEqual([]);
    const supervisor = { ...mineTeams, supervises: true };
    expect(selectView(state, 'queued', me, supervisor)).toHaveLength(3);
    expect(countByView(state, me, supervisor).all).toBe(2);
  });

  it('counts customer messages of conversations not in front of the agent, and clears them when seen', () => {
    const mine = conversation({ status: 'assigned', assignee: { id: me, name: 'Me' } });
    let state = inboxReducer(emptyInbox, { type: 'upsert', conversation: mine });
    const customer = (seq: number) =>
      message({ seq, conversationId: mine.id, createdAt: `2025-03-01T08:0${seq}:00.000Z` });
    state = inboxReducer(state, { type: 'message', message: customer(1) });
    state = inboxReducer(state, { type: 'message', message: customer(2) });
    expect(state.unread[mine.id]).toBe(2);
    expect(unreadMine(state, me)).toBe(2);
    state = inboxReducer(state, { type: 'focus', id: mine.id });
    expect(state.unread[mine.id]).toBeUndefined();
    state = inboxReducer(state, { type: 'message', message: customer(3) });
    expect(state.unread[mine.id]).toBeUndefined();
    state = inboxReducer(state, { type: 'focus', id: null });
    state = inboxReducer(state, {
      type: 'message',
      message: { ...customer(4), author: { kind: 'agent', name: 'Me' } },
    });
    expect(state.unread[mine.id]).toBeUndefined();
  });
});
