import { type DemandDraft, type DemandOverview, demandRunBodySchema } from '@tandem/protocol';
import { demandRepository, openTestDatabase, type TestDriver } from '@tandem/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../src/demand/collect.ts';
import { demandMiner, readQuestions } from '../src/demand/runner.ts';
import { isSpike } from '../src/demand/topics.ts';
import { type HandBuilt, writeConversation } from './demandHistory.ts';
import { api, loginCookie, startTestApp, type TestApp } from './harness.ts';

const DAY = 86_400_000;
const daysAgo = (days: number, hours = 0) => new Date(Date.now() - days * DAY - hours * 3_600_000);

/** A live-stream question nobody taught the bot, asked over three weeks, handed to people who answered it. */
const LIVE = [
  '直播间几点开播',
  '今天直播几点开始',
  '直播什么时候开始呀',
  '今晚直播几点开播',
  '直播间今天几点开',
  '请问直播几点开始',
];
const LIVE_ANSWER = '我们的直播每晚八点在首页直播间开播，开播前会有短信提醒哦';
/** Asked while waiting for a person, but the knowledge base already answers it: covered by the bot's matcher. */
const ADDRESS = ['运费怎么算', '运费多少钱啊', '运费怎么算的呀'];
/** A new question, asked only in the last two days: new and spiking. */
const TRIAL = [
  'is there a free trial for the pro plan',
  'can I get a free trial of pro',
  'free trial for pro plan?',
  'how do I start the pro free trial',
  'pro plan free trial available?',
];

interface Overview extends DemandOverview {}

describe('demand mining over REST', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let workspaceId: string;
  let teamId: string;

  const overview = async () => (await api<Overview>(t.url, '/api/admin/demand', { cookie: admin })).body;
  const mine = async () => {
    const started = await api<{ run: { status: string }; started: boolean }>(
      t.url,
      '/api/admin/demand/runs',
      {
        cookie: admin,
        body: {},
      },
    );
    expect(started.status).toBe(202);
    await demandMiner(t.app.ctx).idle();
    return overview();
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    agent = await loginCookie(t.url, 'agent1@tandem.demo');
    const db = t.app.ctx.store.db;
    const ws = await db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    workspaceId = ws.id;
    const team = await db
      .selectFrom('teams')
      .select(['id'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('name')
      .executeTakeFirstOrThrow();
    teamId = team.id;
    const history: HandBuilt[] = [
      ...LIVE.map((q, i) => ({
        at: daysAgo(20 - i * 3, 1),
        teamId,
        handoff: 'bot_unknown',
        lines: [
          { customer: q },
          { bot: '抱歉，我没有理解', kind: 'unknown' },
          { agent: LIVE_ANSWER },
        ] as HandBuilt['lines'],
      })),
      // minutes apart, just now: inside the last two calendar days (UTC, as the trend counts them) even when
      // midnight falls between writing them and mining (hours back put half of them outside just after midnight)
      ...TRIAL.map((q, i) => ({
        at: new Date(Date.now() - i * 60_000),
        lines: [
          { customer: q },
          { bot: 'Sorry, could you rephrase?', kind: 'clarify', confidence: 0.2 },
        ] as HandBuilt['lines'],
      })),
      ...ADDRESS.map((q, i) => ({
        at: daysAgo(5 + i),
        teamId,
        handoff: 'customer_request',
        lines: [
          { agent: '您好，请问有什么可以帮您？' },
          { customer: q },
          { agent: '满 99 元包邮，不满收 8 元运费' },
        ] as HandBuilt['lines'],
      })),
      // the quality loop: an answer three customers met with a hand-over, once with anger, once asked again
      ...[0, 1, 2, 3].map((i) => ({
        at: daysAgo(3 + i),
        handoff: i < 3 ? 'customer_request' : null,
        lines: [
          { customer: 'how much is shipping to my city' },
          { bot: 'Shipping is free over 99.', kind: 'answer', intent: 'shipping.fee', confidence: 0.9 },
          ...(i === 0
            ? [{ customer: 'that is useless, I want a person', polarity: 'negative' as const }]
            : []),
          ...(i === 1 ? [{ customer: 'how much is shipping to my city??' }] : []),
          ...(i < 3 ? [{ agent: 'Let me check the fee for your city.' }] : []),
        ] as HandBuilt['lines'],
      })),
      // an answer that works: no hand-over, no repeat, no anger
      ...[0, 1, 2, 3, 4].map((i) => ({
        at: daysAgo(2 + i),
        lines: [
          { customer: 'where is my order' },
          { bot: 'Here is your order status.', kind: 'answer', intent: 'orders.track', confidence: 0.95 },
          { customer: 'thanks' },
          { bot: 'You are welcome!', kind: 'greeting', intent: 'smalltalk.thanks', confidence: 1 },
        ] as HandBuilt['lines'],
      })),
    ];
    for (const c of history) await writeConversation(db, workspaceId, c);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is for admins and supervisors only, and validates its input', async () => {
    expect((await api(t.url, '/api/admin/demand', { cookie: agent })).status).toBe(403);
    expect((await api(t.url, '/api/admin/quality/answers', { cookie: agent })).status).toBe(403);
    expect((await api(t.url, '/api/admin/demand')).status).toBe(401);
    const badBody = await api<{ error: { code: string } }>(t.url, '/api/admin/demand/runs', {
      cookie: admin,
      body: { windowDays: 0 },
    });
    expect(badBody.status).toBe(400);
    // at most 90 days: a run's reading stays bounded (checked on the schema: the route allows 3 runs a minute)
    expect(demandRunBodySchema.safeParse({ windowDays: 90 }).success).toBe(true);
    expect(demandRunBodySchema.safeParse({ windowDays: 91 }).success).toBe(false);
    const badId = await api<{ error: { code: string } }>(t.url, '/api/admin/demand/topics/not-a-uuid/draft', {
      cookie: admin,
    });
    expect(badId.status).toBe(400);
    const missing = await api<{ error: { code: string } }>(
      t.url,
      '/api/admin/demand/topics/00000000-0000-4000-8000-000000000000/draft',
      { cookie: admin },
    );
    expect(missing.status).toBe(404);
    const openapi = await api<{ paths: Record<string, unknown> }>(t.url, '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/demand',
        '/api/admin/demand/runs',
        '/api/admin/demand/topics/{id}/draft',
        '/api/admin/demand/topics/{id}/link',
        '/api/admin/quality/answers',
      ]),
    );
  });

  it('clusters unanswered questions into topics with counts, trend, teams and new/spike marks', async () => {
    const result = await mine();
    expect(result.run?.status).toBe('done');
    expect(result.resultsOf?.id).toBe(result.run?.id);
    const live = result.topics.find((topic) => topic.representatives.some((r) => LIVE.includes(r)));
    expect(live).toBeDefined();
    expect(live?.questions).toBe(LIVE.length);
    expect(live?.trend).toHaveLength(30);
    expect(live?.trend.reduce((s, n) => s + n, 0)).toBe(LIVE.length);
    expect(live?.teams[0]).toMatchObject({ teamId, count: LIVE.length });
    expect(live?.teams[0]?.name).toBeTruthy();
    expect(live?.hasAgentAnswer).toBe(true);
    expect(live?.isNew).toBe(false);
    expect(live?.isSpike).toBe(false);
    expect(live?.coveredBy).toBeNull();
    const trial = result.topics.find((topic) => topic.representatives.some((r) => TRIAL.includes(r)));
    expect(trial?.questions).toBe(TRIAL.length);
    expect(trial).toMatchObject({ isNew: true, isSpike: true, hasAgentAnswer: false });
    const address = result.topics.find((topic) => topic.representatives.some((r) => ADDRESS.includes(r)));
    expect(address?.coveredBy).toBe('shipping.fee');
    // a question the bot answered confidently is not mined
    expect(result.topics.some((topic) => topic.representatives.includes('where is my order'))).toBe(false);
  });

  it('turns a topic into a new FAQ entry drafted from its phrasings and the agents’ answer, then shows it covered', async () => {
    const before = await overview();
    const live = before.topics.find((topic) => topic.representatives.some((r) => LIVE.includes(r)))!;
    const draft = await api<DemandDraft>(t.url, `/api/admin/demand/topics/${live.id}/draft`, {
      cookie: admin,
    });
    expect(draft.status).toBe(200);
    expect(draft.body.mode).toBe('new');
    expect(new Set(draft.body.entry.questions.zh)).toEqual(new Set(LIVE));
    expect(draft.body.entry.answer.zh).toBe(LIVE_ANSWER);
    // the admin reviews (adds the English answer) and saves through the knowledge base's own save
    const entry = {
      ...draft.body.entry,
      answer: { ...draft.body.entry.answer, en: 'Our live stream starts at 8 pm.' },
    };
    const saved = await api(t.url, `/api/admin/knowledge/${entry.id}`, {
      method: 'PUT',
      cookie: admin,
      body: entry,
    });
    expect(saved.status).toBe(200);
    const linked = await api(t.url, `/api/admin/demand/topics/${live.id}/link`, {
      cookie: admin,
      body: { entryId: entry.id },
    });
    expect(linked.body).toEqual({ topicId: live.id, coveredBy: entry.id });
    const after = await overview();
    expect(after.topics.find((topic) => topic.id === live.id)?.coveredBy).toBe(entry.id);
    // a later run still knows it is covered
    const again = await mine();
    const rerun = again.topics.find((topic) => topic.representatives.some((r) => LIVE.includes(r)));
    expect(rerun?.coveredBy).toBe(entry.id);
    // linking to an entry that does not exist is refused
    const wrong = await api(t.url, `/api/admin/demand/topics/${live.id}/link`, {
      cookie: admin,
      body: { entryId: 'no-such-entry' },
    });
    expect([404]).toContain(wrong.status);
  });

  it('adds a topic’s phrasings to an existing entry instead', async () => {
    const now = await overview();
    const trial = now.topics.find((topic) => topic.representatives.some((r) => TRIAL.includes(r)))!;
    const draft = await api<DemandDraft>(
      t.url,
      `/api/admin/demand/topics/${trial.id}/draft?entry=orders.track`,
      {
        cookie: admin,
      },
    );
    expect(draft.body.mode).toBe('merge');
    expect(draft.body.entry.id).toBe('orders.track');
    for (const q of trial.representatives) expect(draft.body.entry.questions.en).toContain(q);
    expect(draft.body.entry.answer.zh.length).toBeGreaterThan(0);
  });

  it('ranks the answers that do not work first', async () => {
    const res = await api<{
      items: Array<{
        key: string;
        kind: string;
        matched: number;
        handoffs: number;
        repeats: number;
        negatives: number;
        failures: number;
      }>;
    }>(t.url, '/api/admin/quality/answers', { cookie: admin });
    expect(res.status).toBe(200);
    const fee = res.body.items.find((i) => i.key === 'shipping.fee');
    expect(fee).toMatchObject({
      kind: 'entry',
      matched: 4,
      handoffs: 3,
      repeats: 1,
      negatives: 1,
      failures: 3,
    });
    const track = res.body.items.find((i) => i.key === 'orders.track');
    expect(track).toMatchObject({ matched: 5, failures: 0 });
    expect(res.body.items.indexOf(fee!)).toBeLessThan(res.body.items.indexOf(track!));
    const entriesOnly = await api<{ items: Array<{ kind: string }> }>(
      t.url,
      '/api/admin/quality/answers?kind=entry',
      { cookie: admin },
    );
    expect(entriesOnly.body.items.every((i) => i.kind === 'entry')).toBe(true);
    expect((await api(t.url, '/api/admin/quality/answers?kind=nope', { cookie: admin })).status).toBe(400);
  });
});

describe.each<TestDriver>(['pglite', 'postgres'])('demand runs on %s', (driver) => {
  it('lets one run at a time per workspace start, and stores an empty result for no questions', async () => {
    const test = await openTestDatabase(driver);
    try {
      const db = test.db;
      const ws = crypto.randomUUID();
      await db
        .insertInto('workspaces')
        .values({ id: ws, slug: `d-${ws}`, name: 'Demand' })
        .execute();
      const repo = demandRepository(db);
      const run = await repo.startRun(ws, null, 30);
      expect(run?.status).toBe('running');
      expect(await repo.startRun(ws, null, 30)).toBeNull();
      await repo.finishRun(run!, { questions: 0, topics: [], quality: [] });
      expect((await repo.latestDoneRun(ws))?.topics).toBe(0);
      const next = await repo.startRun(ws, null, 30);
      expect(next).not.toBeNull();
      await repo.failRun(next!.id, 'boom');
      expect((await repo.latestRun(ws))?.status).toBe('failed');
      expect((await repo.latestDoneRun(ws))?.id).toBe(run?.id);
      // a run a stopped process left "running" is failed, so a new one may start
      const stuck = await repo.startRun(ws, null, 30);
      expect(await repo.failAbandonedRuns(new Date(Date.now() - 60_000))).toBe(0);
      expect(await repo.failAbandonedRuns(new Date(Date.now() + 60_000))).toBe(1);
      expect((await repo.latestRun(ws))?.id).toBe(stuck?.id);
      expect((await repo.latestRun(ws))?.status).toBe('failed');
      const next2 = await repo.startRun(ws, null, 30);
      expect(next2).not.toBeNull();
      // queued long ago behind other workspaces' runs, or executing for long: alive while its process beats
      await db
        .updateTable('demand_runs')
        .set({ started_at: new Date(Date.now() - 3_600_000), heartbeat_at: new Date(Date.now() - 3_600_000) })
        .where('id', '=', next2!.id)
        .execute();
      await repo.beat([next2!.id]);
      expect(await repo.failAbandonedRuns(new Date(Date.now() - 15 * 60_000))).toBe(0);
      // its execution begins: started_at says so
      await repo.beginRun(next2!.id);
      const begun = await repo.latestRun(ws);
      expect(begun?.status).toBe('running');
      expect(begun!.startedAt.getTime()).toBeGreaterThan(Date.now() - 15 * 60_000);
      // its process stopped: no heartbeat for 15 minutes
      await db
        .updateTable('demand_runs')
        .set({ heartbeat_at: new Date(Date.now() - 3_600_000) })
        .where('id', '=', next2!.id)
        .execute();
      expect(await repo.failAbandonedRuns(new Date(Date.now() - 15 * 60_000))).toBe(1);
    } finally {
      await test.cleanup();
    }
  });
});

describe.each<TestDriver>(['pglite', 'postgres'])('reading a run’s questions on %s', (driver) => {
  it('reads the newest conversations first, a page at a time, and stops once it has enough questions', async () => {
    const test = await openTestDatabase(driver);
    try {
      const db = test.db;
      const ws = crypto.randomUUID();
      await db
        .insertInto('workspaces')
        .values({ id: ws, slug: `q-${ws}`, name: 'Questions' })
        .execute();
      // seven conversations a day apart, each a question a person answered and an answer the bot gave
      for (let i = 0; i < 7; i++)
        await writeConversation(db, ws, {
          at: daysAgo(7 - i),
          handoff: 'bot_unknown',
          lines: [
            { customer: `question number ${'abcdefg'[i]}` },
            { bot: 'Sorry?', kind: 'unknown' },
            { agent: 'x'.repeat(5000) },
            { customer: 'and the delivery time' },
            { bot: 'Two days.', kind: 'answer', intent: 'delivery', confidence: 0.9 },
          ],
        });
      const all = await readQuestions(db, ws, daysAgo(30));
      expect(all.questions).toHaveLength(7);
      // three questions wanted, two conversations a page: two pages (four conversations) are read, no more
      const some = await readQuestions(db, ws, daysAgo(30), { max: 3, page: 2 });
      expect(some.questions.map((q) => q.text).sort()).toEqual([
        'question number e',
        'question number f',
        'question number g',
      ]);
      expect(some.quality.get('delivery')?.matched).toBe(4);
      // a person's long reply is kept short as it is read
      expect(some.questions.every((q) => q.agentAnswer?.length === 2000)).toBe(true);
    } finally {
      await test.cleanup();
    }
  });
});

describe('spikes', () => {
  it('needs at least four questions in two days, three times what the days before lead one to expect', () => {
    expect(isSpike([0, 0, 0, 0, 2, 2])).toBe(true);
    expect(isSpike([0, 0, 0, 0, 1, 2])).toBe(false);
    expect(isSpike([2, 2, 2, 2, 2, 2])).toBe(false);
    expect(isSpike([1, 1, 1, 1, 5, 5])).toBe(true);
  });
});

describe('what is mined', () => {
  const message = (
    seq: number,
    author: 'customer' | 'bot' | 'agent',
    text: string,
    meta: Record<string, unknown> | null = null,
    clientId: string | null = null,
  ) =>
    ({
      id: `m${seq}`,
      conversationId: 'c',
      workspaceId: 'w',
      seq,
      clientId,
      authorKind: author,
      authorId: null,
      text,
      buttons: [],
      notice: null,
      meta,
      internal: false,
      createdAt: new Date(Date.now() - 1000 + seq),
    }) as Parameters<typeof collect>[0][number]['messages'][number];

  it('leaves out requests for a person, answers to a flow’s question, confident answers and wordless messages', () => {
    const since = new Date(Date.now() - DAY);
    const conversation = {
      id: 'c',
      updatedAt: new Date(),
      teamId: null,
      handoffReason: 'customer_request',
      messages: [
        message(1, 'customer', '转人工'),
        message(2, 'customer', '查一下我的账单'),
        message(
          3,
          'bot',
          '请发订单号',
          { kind: 'flow', intent: 'flow:bill', confidence: 1, flow: { id: 'bill', outcome: 'waiting' } },
          'bot-m2-0',
        ),
        message(4, 'customer', '6688'),
        message(
          5,
          'bot',
          '您的账单…',
          { kind: 'flow', intent: 'flow:bill', confidence: 1, flow: { id: 'bill', outcome: 'done' } },
          'bot-m4-0',
        ),
        message(6, 'customer', '运费多少'),
        message(
          7,
          'bot',
          '满 99 包邮',
          { kind: 'answer', intent: 'shipping.fee', confidence: 0.9 },
          'bot-m6-0',
        ),
        message(8, 'customer', '??'),
        message(9, 'customer', '发票能开专票吗'),
        message(10, 'bot', '您是想问…', { kind: 'clarify', intent: null, confidence: 0.3 }, 'bot-m9-0'),
        message(11, 'customer', '积分怎么用'),
        message(12, 'bot', '积分说明…', { kind: 'answer', intent: 'points', confidence: 0.4 }, 'bot-m11-0'),
      ],
    };
    const { questions } = collect([conversation], since);
    expect(questions.map((q) => q.text)).toEqual(['发票能开专票吗', '积分怎么用']);
    expect(collect([], since).questions).toEqual([]);
    // messages before the window are not mined
    expect(collect([conversation], new Date(Date.now() + DAY)).questions).toEqual([]);
  });
});
