import { randomUUID } from 'node:crypto';
import type { User } from '@tandem/domain';
import { analyticsQuerySchema } from '@tandem/protocol';
import {
  analyticsRepository,
  analyticsRetentionRepository,
  type Db,
  openTestDatabase,
  type TestDriver,
} from '@tandem/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsOverview, analyticsPeople } from '../src/analytics/dashboard.ts';
import { purgeDue } from '../src/analytics/retention.ts';
import { createAnalyticsUpdater } from '../src/analytics/updater.ts';

/**
 * Every metric of docs/metrics.md on a hand-built history with known answers. Times are exact (rows are
 * written with the times they would have had), the clock is given to the updater, and the answers below are
 * worked out by hand in the comments.
 */
const T = Date.parse('2026-03-02T02:00:00Z'); // Monday 10:00 in Asia/Shanghai
const min = 60_000;
const hour = 60 * min;
const at = (offset: number) => new Date(T + offset);

interface Event {
  type: string;
  from: string | null;
  to: string;
  at: number;
}
interface History {
  contact: string;
  start: number;
  status: 'bot' | 'queued' | 'assigned' | 'resolved' | 'closed';
  bot?: Array<{ kind: string; intent: string | null }>;
  events?: Event[];
  resolvedAt?: number;
  csat?: number;
  teamId?: string;
  lastAgentId?: string;
  reason?: string;
  firstResponseAt?: number;
  slaDue?: boolean;
  slaFlags?: string[];
  emotion?: unknown;
}

describe.each<TestDriver>(['pglite', 'postgres'])('analytics metrics on %s', (driver) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let workspaceId: string;
  let supervisor: User;
  const contacts: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let teamX: string;
  let teamY: string;
  let agent2: string;

  async function conversation(name: string, h: History) {
    const id = randomUUID();
    ids[name] = id;
    const end = [...(h.events ?? [])].pop()?.at ?? h.start;
    await db
      .insertInto('conversations')
      .values({
        id,
        workspace_id: workspaceId,
        contact_id: contacts[h.contact] as string,
        status: h.status,
        bot_state: '{}',
        team_id: h.teamId ?? null,
        last_agent_id: h.lastAgentId ?? null,
        assignee_id: h.status === 'assigned' ? (h.lastAgentId ?? null) : null,
        handoff_reason: (h.reason ?? null) as never,
        csat_score: h.csat ?? null,
        first_response_at: h.firstResponseAt === undefined ? null : at(h.firstResponseAt),
        first_response_due_at: h.slaDue ? at(h.start + 10 * min) : null,
        sla_flags: JSON.stringify(h.slaFlags ?? []),
        resolved_at: h.resolvedAt === undefined ? null : at(h.resolvedAt),
        emotion: h.emotion === undefined ? null : JSON.stringify(h.emotion),
        created_at: at(h.start),
        updated_at: at(end),
      })
      .execute();
    for (const [i, reply] of (h.bot ?? []).entries())
      await db
        .insertInto('messages')
        .values({
          id: randomUUID(),
          conversation_id: id,
          workspace_id: workspaceId,
          seq: i + 1,
          client_id: null,
          author_kind: 'bot',
          author_id: null,
          text: 'reply',
          buttons: '[]',
          notice: 'null',
          meta: JSON.stringify({ kind: reply.kind, intent: reply.intent, confidence: 0.9 }),
          created_at: at(h.start + (i + 1) * 1000),
        })
        .execute();
    for (const e of [{ type: 'create', from: null, to: 'bot', at: h.start }, ...(h.events ?? [])])
      await db
        .insertInto('conversation_events')
        .values({
          conversation_id: id,
          workspace_id: workspaceId,
          type: e.type,
          from_status: e.from,
          to_status: e.to,
          actor_kind: 'system',
          actor_id: null,
          data: '{}',
          created_at: at(e.at),
        })
        .execute();
  }

  const query = (extra: Record<string, string> = {}) =>
    analyticsQuerySchema.parse({ from: '2026-03-02', to: '2026-03-03', tz: 'Asia/Shanghai', ...extra });

  beforeAll(async () => {
    const test = await openTestDatabase(driver);
    db = test.db;
    cleanup = test.cleanup;
    workspaceId = randomUUID();
    await db
      .insertInto('workspaces')
      .values({ id: workspaceId, slug: `m-${workspaceId}`, name: 'Metrics' })
      .execute();
    const user = async (name: string, role: User['role']) => {
      const id = randomUUID();
      await db
        .insertInto('users')
        .values({ id, workspace_id: workspaceId, email: `${id}@x.test`, name, role, password_hash: 'x' })
        .execute();
      return id;
    };
    // Li accepts c4 first, Wang ends it: the person of a conversation is its last one
    await user('Li', 'agent');
    agent2 = await user('Wang', 'agent');
    const supervisorId = await user('Zhao', 'supervisor');
    supervisor = { id: supervisorId, workspaceId, role: 'supervisor' } as User;
    teamX = randomUUID();
    teamY = randomUUID();
    await db
      .insertInto('teams')
      .values([
        { id: teamX, workspace_id: workspaceId, name: 'Billing' },
        { id: teamY, workspace_id: workspaceId, name: 'VIP' },
      ])
      .execute();
    for (const [name, lang] of [
      ['A', 'zh'],
      ['B', 'zh'],
      ['C', 'en'],
      ['D', 'zh'],
    ] as const) {
      contacts[name] = randomUUID();
      await db
        .insertInto('contacts')
        .values({
          id: contacts[name],
          workspace_id: workspaceId,
          visitor_token_hash: randomUUID(),
          name: null,
          lang,
          created_at: at(0),
          last_seen_at: at(0),
        })
        .execute();
    }
    const resolve = (t: number, from = 'bot') => ({ type: 'resolve', from, to: 'resolved', at: t });
    // c1: the bot answers A's refund question; A comes back on refund 30 h later (outside 24 h): resolved by the bot
    await conversation('c1', {
      contact: 'A',
      start: 0,
      status: 'resolved',
      bot: [{ kind: 'answer', intent: 'refund' }],
      events: [resolve(5 * min)],
      resolvedAt: 5 * min,
    });
    // c2: one reply out of scope, then an answer; rated 2 (negative): not resolved by the bot
    await conversation('c2', {
      contact: 'B',
      start: 10 * min,
      status: 'resolved',
      bot: [
        { kind: 'unknown', intent: null },
        { kind: 'answer', intent: 'delivery' },
      ],
      events: [resolve(20 * min)],
      resolvedAt: 20 * min,
      csat: 2,
    });
    // c3: closed by the bot, but B is back on the same intent 55 minutes later (c5): a repeat contact
    await conversation('c3', {
      contact: 'B',
      start: hour,
      status: 'closed',
      bot: [{ kind: 'answer', intent: 'shipping' }],
      events: [{ type: 'close', from: 'bot', to: 'closed', at: hour + 5 * min }],
    });
    // c4: A asks for a person: queued at +1 min, Li accepts at +3 min (wait 120 s), first reply at +4 min
    // (first response 180 s), transfers to the queue, Wang is assigned, resolves at +20 min (handle 1020 s);
    // rated 5; SLA kept
    const s4 = 30 * hour;
    await conversation('c4', {
      contact: 'A',
      start: s4,
      status: 'resolved',
      bot: [{ kind: 'answer', intent: 'refund' }],
      events: [
        { type: 'requestHuman', from: 'bot', to: 'queued', at: s4 + min },
        { type: 'accept', from: 'queued', to: 'assigned', at: s4 + 3 * min },
        { type: 'transfer', from: 'assigned', to: 'queued', at: s4 + 10 * min },
        { type: 'assign', from: 'queued', to: 'assigned', at: s4 + 11 * min },
        resolve(s4 + 20 * min, 'assigned'),
      ],
      resolvedAt: s4 + 20 * min,
      csat: 5,
      teamId: teamX,
      lastAgentId: agent2,
      reason: 'customer_request',
      firstResponseAt: s4 + 4 * min,
      slaDue: true,
    });
    // c5: still with the bot (not ended)
    await conversation('c5', {
      contact: 'B',
      start: 2 * hour,
      status: 'bot',
      bot: [{ kind: 'answer', intent: 'shipping' }],
    });
    // c6: an angry English customer handed over, left before anyone took it; first-response SLA breached
    await conversation('c6', {
      contact: 'C',
      start: 3 * hour,
      status: 'closed',
      teamId: teamY,
      reason: 'emotion',
      slaDue: true,
      slaFlags: ['first_response:warning', 'first_response:breach'],
      emotion: {
        current: { state: 'calm', basic: 'neutral', polarity: 'neutral', intensity: 0.2 },
        history: [
          {
            state: 'furious',
            basic: 'anger',
            polarity: 'negative',
            intensity: 0.9,
            at: at(3 * hour).toISOString(),
          },
        ],
      },
      events: [
        { type: 'requestHuman', from: 'bot', to: 'queued', at: 3 * hour + 30_000 },
        { type: 'close', from: 'queued', to: 'closed', at: 3 * hour + 10 * min },
      ],
    });
    // c7: D's refund answered; D is back 2 h later on another intent (c8): still resolved by the bot
    await conversation('c7', {
      contact: 'D',
      start: 4 * hour,
      status: 'resolved',
      bot: [{ kind: 'answer', intent: 'refund' }],
      events: [resolve(4 * hour + min)],
      resolvedAt: 4 * hour + min,
    });
    await conversation('c8', {
      contact: 'D',
      start: 6 * hour,
      status: 'bot',
      bot: [{ kind: 'answer', intent: 'delivery' }],
    });
  });
  afterAll(() => cleanup());

  it('keeps a bot resolution provisional for 24 hours, undoing it at once on a repeat contact', async () => {
    await createAnalyticsUpdater(db, () => at(12 * hour)).sweep();
    const { totals } = await analyticsOverview(db, supervisor, query());
    // c1 and c7 ended under 24 h ago: pending; c2 (CSAT 2), c3 (repeat), c4 and c6 (handed over): unresolved
    expect(totals.botPending).toBe(2);
    expect(totals.botResolved).toBe(0);
    expect(totals.botUnresolved).toBe(4);
    expect(totals.botResolutionRate).toBe(0);
  });

  it('computes every metric of docs/metrics.md', async () => {
    await createAnalyticsUpdater(db, () => at(3 * 24 * hour)).sweep();
    const overview = await analyticsOverview(db, supervisor, query());
    const t = overview.totals;
    expect(t.conversations).toBe(8);
    expect(t.ended).toBe(6);
    expect(t.handedOver).toBe(2);
    expect(t.handedOverRate).toBeCloseTo(2 / 8);
    expect(t.agentTransfers).toBe(1);
    expect([t.botResolved, t.botUnresolved, t.botPending]).toEqual([2, 4, 0]);
    expect(t.botResolutionRate).toBeCloseTo(2 / 6);
    expect(t.firstResponseSeconds).toBe(180);
    expect(t.waitSeconds).toBe(120);
    expect(t.handleSeconds).toBe(1020);
    expect(t.csat).toEqual([0, 1, 0, 0, 1]);
    expect(t.csatAverage).toBe(3.5);
    expect(t.slaMetRate).toBe(0.5);
    expect(t.outOfScopeRate).toBeCloseTo(1 / 8);
    // buckets are local days in Shanghai: c4 started on Tuesday 16:00
    expect(overview.series.map((s) => [s.bucket, s.conversations])).toEqual([
      ['2026-03-02T00:00', 7],
      ['2026-03-03T00:00', 1],
    ]);
    const byKey = (rows: Array<{ key: string; conversations: number }>) =>
      Object.fromEntries(rows.map((r) => [r.key, r.conversations]));
    expect(byKey(overview.reasons)).toEqual({ customer_request: 1, emotion: 1 });
    expect(byKey(overview.intents)).toEqual({ refund: 3, delivery: 2, shipping: 2, '': 1 });
    expect(byKey(overview.emotions)).toEqual({ anger: 1, '': 7 });
    expect(overview.heatmap).toEqual([
      { weekday: 1, hour: 10, conversations: 2 },
      { weekday: 1, hour: 11, conversations: 1 },
      { weekday: 1, hour: 12, conversations: 1 },
      { weekday: 1, hour: 13, conversations: 1 },
      { weekday: 1, hour: 14, conversations: 1 },
      { weekday: 1, hour: 16, conversations: 1 },
      { weekday: 2, hour: 16, conversations: 1 },
    ]);
    const people = await analyticsPeople(db, supervisor, query());
    expect(people.agents.map((a) => [a.name, a.conversations, a.handleSeconds, a.csatAverage])).toEqual([
      ['Wang', 1, 1020, 5],
    ]);
    expect(people.teams.map((team) => [team.name, team.conversations, team.slaMetRate]).sort()).toEqual([
      ['Billing', 1, 1],
      ['VIP', 1, 0],
    ]);
  });

  it('filters by language, intent, team and hour buckets', async () => {
    const en = await analyticsOverview(db, supervisor, query({ lang: 'en' }));
    expect(en.totals.conversations).toBe(1);
    const refund = await analyticsOverview(db, supervisor, query({ intent: 'refund' }));
    expect(refund.totals.conversations).toBe(3);
    expect(refund.totals.botResolutionRate).toBeCloseTo(2 / 3);
    const none = await analyticsOverview(db, supervisor, query({ intent: 'none' }));
    expect(none.totals.conversations).toBe(1);
    const billing = await analyticsOverview(db, supervisor, query({ team: teamX }));
    expect(billing.totals.conversations).toBe(1);
    const hourly = await analyticsOverview(db, supervisor, query({ granularity: 'hour', to: '2026-03-02' }));
    // every hour of the day, the empty ones as zeros (a chart never joins across a gap)
    expect(hourly.series.map((s) => s.bucket)).toEqual(
      Array.from({ length: 24 }, (_, h) => `2026-03-02T${String(h).padStart(2, '0')}:00`),
    );
    expect(hourly.series.filter((s) => s.conversations > 0).map((s) => [s.bucket, s.conversations])).toEqual([
      ['2026-03-02T10:00', 2],
      ['2026-03-02T11:00', 1],
      ['2026-03-02T12:00', 1],
      ['2026-03-02T13:00', 1],
      ['2026-03-02T14:00', 1],
      ['2026-03-02T16:00', 1],
    ]);
    expect(hourly.series.find((s) => s.bucket === '2026-03-02T15:00')).toMatchObject({
      conversations: 0,
      botResolutionRate: null,
    });
    const week = await analyticsOverview(db, supervisor, query({ granularity: 'week' }));
    expect(week.series.map((s) => [s.bucket, s.conversations])).toEqual([['2026-03-02T00:00', 8]]);
  });

  it('gives the same figures when every conversation is replayed', async () => {
    const before = await analyticsOverview(db, supervisor, query());
    const updater = createAnalyticsUpdater(db, () => at(3 * 24 * hour));
    for (const id of Object.values(ids)) updater.touch(id);
    await updater.flush();
    await updater.flush();
    expect(await analyticsOverview(db, supervisor, query())).toEqual(before);
    // a flush takes a bounded number: the rest wait for the next flushes
    const bounded = createAnalyticsUpdater(db, () => at(3 * 24 * hour), { flushMax: 3 });
    for (const id of Object.values(ids)) bounded.touch(id);
    const left: number[] = [];
    while (bounded.pendingCount > 0 && left.length < 10) {
      await bounded.flush();
      left.push(bounded.pendingCount);
    }
    expect(left).toEqual([5, 2, 0]);
    expect(await analyticsOverview(db, supervisor, query())).toEqual(before);
  });

  it("never counts another workspace's conversations", async () => {
    const before = await analyticsOverview(db, supervisor, query());
    const other = randomUUID();
    await db
      .insertInto('workspaces')
      .values({ id: other, slug: `o-${other}`, name: 'Other' })
      .execute();
    await analyticsRepository(db).upsertFacts([
      {
        conversationId: randomUUID(),
        workspaceId: other,
        contactId: randomUUID(),
        startedAt: at(0),
        endedAt: at(min),
        channel: 'widget',
        lang: 'zh',
        teamId: '',
        agentId: '',
        intent: 'refund',
        reason: '',
        emotion: '',
        queued: false,
        assigned: false,
        transfers: 0,
        frtS: null,
        waitS: null,
        handleS: null,
        csat: 5,
        slaMet: null,
        botReplies: 1,
        oosReplies: 0,
        botOutcome: 'resolved',
      },
    ]);
    await createAnalyticsUpdater(db, () => at(3 * 24 * hour)).sweep();
    expect(await analyticsOverview(db, supervisor, query())).toEqual(before);
    const otherSupervisor = { ...supervisor, workspaceId: other } as User;
    expect((await analyticsOverview(db, otherSupervisor, query())).totals.conversations).toBe(1);
  });

  it('reads a backlog in budgeted passes that go on where the last one stopped', async () => {
    const before = await analyticsOverview(db, supervisor, query());
    // as after an upgrade: the mark at the start, every conversation still to read (facts written before
    // their source version was kept); three of them changed within a minute (inside the sweep's 2-minute
    // margin for late commits)
    await db
      .updateTable('analytics_sweep')
      .set({ swept_until: new Date(0) })
      .execute();
    await db.updateTable('analytics_conversations').set({ source_updated_at: null }).execute();
    for (const [name, offset] of [
      ['c1', 5 * min],
      ['c2', 5 * min + 20_000],
      ['c3', 6 * min],
    ] as const)
      await db
        .updateTable('conversations')
        .set({ updated_at: at(offset) })
        .where('id', '=', ids[name] as string)
        .execute();
    const updater = createAnalyticsUpdater(db, () => at(3 * 24 * hour), { sweepPages: 1, sweepPage: 3 });
    const passes: Array<{ recomputed: number; more: boolean }> = [];
    while (passes.length < 10) {
      passes.push(await updater.sweep());
      if (!(passes.at(-1) as { more: boolean }).more) break;
    }
    // 8 conversations, 3 per pass; none read twice although several changed within the 2-minute margin
    expect(passes.map((p) => p.recomputed)).toEqual([3, 3, 2]);
    expect(await analyticsOverview(db, supervisor, query())).toEqual(before);
  });

  it('recomputes only the facts that are behind their conversation', async () => {
    const before = await analyticsOverview(db, supervisor, query());
    await db
      .updateTable('analytics_sweep')
      .set({ swept_until: new Date(0) })
      .execute();
    // every fact was computed from its conversation as it is: nothing to redo
    const updater = createAnalyticsUpdater(db, () => at(3 * 24 * hour));
    expect(await updater.sweep()).toEqual({ recomputed: 0, more: false });
    // one conversation changed after its fact was written and after the sweep's mark (a change whose event
    // was lost in a crash)
    await db
      .updateTable('conversations')
      .set({ updated_at: at(3 * 24 * hour) })
      .where('id', '=', ids.c2 as string)
      .execute();
    expect(await updater.sweep()).toEqual({ recomputed: 1, more: false });
    expect(await updater.sweep()).toEqual({ recomputed: 0, more: false });
    expect(await analyticsOverview(db, supervisor, query())).toEqual(before);
  });

  it('recomputes a changed hour at most once per delay', async () => {
    const repo = analyticsRepository(db);
    await repo.upsertFacts([]);
    await db
      .insertInto('analytics_dirty_hours')
      .values({ workspace_id: workspaceId, hour: at(0) })
      .execute();
    // marked just now: not due under an hour's delay, so a busy hour is not rebuilt on every flush
    expect(await repo.refreshRollups(200, 3_600_000)).toBe(0);
    expect(await repo.pendingRollups()).toBe(1);
    expect(await repo.refreshRollups(200, 0)).toBe(1);
    expect(await repo.pendingRollups()).toBe(0);
  });

  it('decides repeat contacts as facts are written, in whichever order they come', async () => {
    const ws = randomUUID();
    await db
      .insertInto('workspaces')
      .values({ id: ws, slug: `r-${ws}`, name: 'Repeats' })
      .execute();
    const repo = analyticsRepository(db);
    const contact = randomUUID();
    const fact = (start: number, end: number | null, intent: string) => ({
      conversationId: randomUUID(),
      workspaceId: ws,
      contactId: contact,
      startedAt: at(start),
      endedAt: end === null ? null : at(end),
      channel: 'widget',
      lang: 'zh',
      teamId: '',
      agentId: '',
      intent,
      reason: '',
      emotion: '',
      queued: false,
      assigned: false,
      transfers: 0,
      frtS: null,
      waitS: null,
      handleS: null,
      csat: null,
      slaMet: null,
      botReplies: 1,
      oosReplies: 0,
      botOutcome: (end === null ? '' : 'pending') as 'pending' | '',
    });
    const outcome = async (id: string) =>
      (
        await db
          .selectFrom('analytics_conversations')
          .select('bot_outcome')
          .where('conversation_id', '=', id)
          .executeTakeFirstOrThrow()
      ).bot_outcome;
    // the earlier conversation first, its repeat later: undone when the repeat is written
    const first = fact(0, 5 * min, 'refund');
    await repo.upsertFacts([first]);
    expect(await outcome(first.conversationId)).toBe('pending');
    await repo.upsertFacts([fact(2 * hour, null, 'refund')]);
    expect(await outcome(first.conversationId)).toBe('unresolved');
    // the repeat written first (a sweep reads in updated_at order): undone when the earlier one is written
    const repeat = fact(50 * hour, null, 'delivery');
    await repo.upsertFacts([repeat]);
    const earlier = fact(40 * hour, 40 * hour + min, 'delivery');
    await repo.upsertFacts([earlier]);
    expect(await outcome(earlier.conversationId)).toBe('unresolved');
    // another intent, or a return more than 24 h later, is no repeat
    const other = fact(60 * hour, 60 * hour + min, 'shipping');
    await repo.upsertFacts([other, fact(61 * hour, null, 'refund'), fact(85 * hour, null, 'shipping')]);
    expect(await outcome(other.conversationId)).toBe('pending');
    // 24 h after its end the minute sweep resolves it
    expect(await repo.finalise(at(85 * hour))).toBeGreaterThanOrEqual(1);
    expect(await outcome(other.conversationId)).toBe('resolved');
  });

  it('purges what is older than the retention period, with its figures', async () => {
    const now = at(40 * 24 * hour);
    // c4 ended on day 1, everything else on day 0; 39 days of retention keep c4 only
    await db
      .updateTable('conversations')
      .set({ updated_at: at(0) })
      .where('id', '!=', ids.c4 as string)
      .execute();
    await db
      .updateTable('contacts')
      .set({ last_seen_at: at(0) })
      .execute();
    // demand mining's results: a run of day 0 with its topic, a topic of a recent run that holds a question
    // of day 0, a recent run's recent topic, a phrasing taught on day 0 and one taught recently
    const run = async (startedAt: Date, firstAt: Date) => {
      const runId = randomUUID();
      await db
        .insertInto('demand_runs')
        .values({
          id: runId,
          workspace_id: workspaceId,
          status: 'done',
          window_days: 30,
          started_at: startedAt,
        })
        .execute();
      const topicId = randomUUID();
      await db
        .insertInto('demand_topics')
        .values({
          id: topicId,
          run_id: runId,
          workspace_id: workspaceId,
          rank: 0,
          title: 'refund',
          keywords: '[]',
          questions: 2,
          recent: 0,
          previous: 0,
          trend: '[]',
          representatives: '[]',
          phrasings: '[]',
          teams: '[]',
          answers: '[]',
          is_new: false,
          is_spike: false,
          first_at: firstAt,
          last_at: firstAt,
        })
        .execute();
      return { runId, topicId };
    };
    const oldRun = await run(at(0), at(0));
    const mixed = await run(at(39 * 24 * hour), at(0));
    const recent = await run(at(39 * 24 * hour), at(38 * 24 * hour));
    await db
      .insertInto('demand_links')
      .values([
        { workspace_id: workspaceId, phrasing: 'old', entry_id: 'e1', created_at: at(0) },
        { workspace_id: workspaceId, phrasing: 'new', entry_id: 'e1', created_at: at(39 * 24 * hour) },
      ])
      .execute();
    await analyticsRetentionRepository(db).set(workspaceId, 39);
    const purged = await purgeDue(db, now);
    expect(purged.get(workspaceId)).toBeGreaterThanOrEqual(7);
    // ended conversations go; c5 and c8, still with the bot, stay until they end
    const left = await db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(left.map((r) => r.id).sort()).toEqual([ids.c4, ids.c5, ids.c8].sort());
    const facts = await db
      .selectFrom('analytics_conversations')
      .select('conversation_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(facts.map((r) => r.conversation_id).sort()).toEqual([ids.c4, ids.c5, ids.c8].sort());
    const runs = await db
      .selectFrom('demand_runs')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(runs.map((r) => r.id).sort()).toEqual([mixed.runId, recent.runId].sort());
    const topics = await db
      .selectFrom('demand_topics')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(topics.map((r) => r.id)).toEqual([recent.topicId]);
    expect(oldRun.topicId).not.toBe(recent.topicId);
    const links = await db
      .selectFrom('demand_links')
      .select('phrasing')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(links.map((r) => r.phrasing)).toEqual(['new']);
    expect(
      await db
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', ids.c1 as string)
        .execute(),
    ).toEqual([]);
    // contact C has nothing left; A still has c4, B c5 and D c8
    const people = await db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(people.map((r) => r.id).sort()).toEqual([contacts.A, contacts.B, contacts.D].sort());
    await createAnalyticsUpdater(db, () => now).sweep();
    // the figures follow: the hours before the cutoff are recomputed from the facts kept
    const { totals } = await analyticsOverview(db, supervisor, query());
    expect(totals.conversations).toBe(3);
    // the timer moved on: a second run now purges nothing
    expect((await purgeDue(db, now)).size).toBe(0);
  });
});
