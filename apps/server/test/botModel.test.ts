import type {
  BotTryResult,
  IntentList,
  IntentSaved,
  ReportJob,
  ReportState,
  VocabularyView,
} from '@tandem/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { api, EVENT_TIMEOUT_MS, RETRAIN_TIMEOUT_MS, startTestApp, type TestApp } from './harness.ts';
import { askBot, knowledgeStaff, staffSocket, whenLive } from './knowledgeHelpers.ts';

type ErrorBody = { error: { code: string; details?: Array<{ path: string; message: string }> } };
type Definitions = { definitions: Array<{ key: string; version: number; source: string; format: string }> };

/** A report takes a few trainings; each wait for it is bounded by this much. */
const REPORT_TIMEOUT_MS = 8 * EVENT_TIMEOUT_MS;

const teapot = [
  'how do I polish the silver teapot',
  'polishing a silver teapot',
  'best way to clean my silver teapot',
  'my silver teapot is tarnished',
  'what polish for a silver teapot',
  'silver teapot cleaning tips',
];
/** Two intents with the same words in each example (one in reverse order): cross-validation must confuse them. */
const twins = (id: string, reversed: boolean) => ({
  id,
  category: 'products',
  questions: { zh: [], en: teapot.map((text) => (reversed ? text.split(' ').reverse().join(' ') : text)) },
  answer: { zh: '请用软布擦拭。', en: 'Use a soft cloth.' },
  related: [],
});
const distinct = [
  {
    id: 'shop.hours',
    category: 'general',
    questions: {
      zh: [],
      en: ['when are you open', 'opening hours', 'what time do you close', 'are you open on sunday'],
    },
    answer: { zh: '每天 9 点到 21 点。', en: 'Every day from 9 am to 9 pm.' },
    related: [],
  },
  {
    id: 'shop.parking',
    category: 'general',
    questions: {
      zh: [],
      en: ['is there parking', 'where can I park my car', 'do you have a car park', 'parking fees'],
    },
    answer: { zh: '地下有停车场。', en: 'There is a car park underground.' },
    related: [],
  },
];

const giftCardFlow = `id: gift_card
name: { zh: 礼品卡, en: Gift card }
trigger:
  examples:
    zh: [礼品卡怎么用, 买礼品卡]
    en: [how do I use a gift card, buy a gift card]
start: answer
nodes:
  answer:
    type: end
    text: { zh: 礼品卡在结算时使用。, en: Use gift cards at checkout. }
`;

/** Intents, vocabulary and the cross-validation report: admins only, saved as versions, off the event loop. */
describe('the bot model API', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof knowledgeStaff>>;
  let adminSocket: Socket;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await knowledgeStaff(t, 'model-other');
    adminSocket = await staffSocket(t, staff.admin);
  });
  afterAll(() => t.close());

  const intents = (cookie = staff.admin) => api<IntentList>(t.url, '/api/admin/bot/intents', { cookie });
  const putExamples = (source: string, key: string, examples: unknown, cookie = staff.admin) =>
    api<IntentSaved & ErrorBody>(t.url, `/api/admin/bot/intents/${source}/${key}/examples`, {
      method: 'PUT',
      cookie,
      body: { examples },
    });
  const putVocabulary = (body: unknown, cookie = staff.admin) =>
    api<VocabularyView & ErrorBody>(t.url, '/api/admin/bot/vocabulary', { method: 'PUT', cookie, body });
  const startReport = (cookie: string) =>
    api<ReportState>(t.url, '/api/admin/bot/report', { method: 'POST', cookie, body: {} });

  /** Waits (long-polling, no fixed sleep) until the workspace's report job has ended. */
  async function reportDone(cookie: string): Promise<ReportJob> {
    const deadline = Date.now() + REPORT_TIMEOUT_MS;
    for (;;) {
      const res = await api<ReportState>(t.url, '/api/admin/bot/report?waitMs=10000', { cookie });
      expect(res.status).toBe(200);
      const job = res.body.job as ReportJob;
      if (job.state !== 'running') return job;
      if (Date.now() > deadline) throw new Error('the report did not finish in time');
    }
  }

  it('lists every intent with its source, name, examples and whether it is learnt', async () => {
    const res = await intents();
    expect(res.status).toBe(200);
    const track = res.body.intents.find((i) => i.id === 'orders.track');
    expect(track).toMatchObject({ source: 'knowledge', key: 'orders.track', enabled: true, editable: true });
    expect(track?.name.zh).toBe('我的订单到哪了');
    expect(track?.examples.zh.length).toBeGreaterThan(5);
    const flow = res.body.intents.find((i) => i.id === 'flow:return_request');
    expect(flow).toMatchObject({ source: 'flow', key: 'return_request', enabled: true, category: null });
    expect(flow?.name).toEqual({ zh: '退货退款申请', en: 'Return or refund request' });
    expect(flow?.examples.en).toContain('I want to return an item');
    expect(res.body.bot.state).toMatch(/^(live|training)$/);
  });

  it('is for admins only: agents and supervisors get 403, another workspace sees only its own', async () => {
    const calls = [
      () => intents(staff.agent),
      () => putExamples('knowledge', 'orders.track', { zh: ['x'], en: [] }, staff.agent),
      () => api<ErrorBody>(t.url, '/api/admin/bot/vocabulary', { cookie: staff.agent }),
      () => putVocabulary({ words: [], synonyms: [] }, staff.agent),
      () => startReport(staff.agent),
      () => api<ErrorBody>(t.url, '/api/admin/bot/report', { cookie: staff.agent }),
      () => intents(staff.supervisor),
      () => startReport(staff.supervisor),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(403);
      expect((res.body as ErrorBody).error.code).toBe('forbidden');
    }
    expect((await api(t.url, '/api/admin/bot/intents')).status).toBe(401);
    const other = await intents(staff.outsider);
    expect(other.status).toBe(200);
    expect(other.body.intents).toEqual([]);
    // another workspace's entry is not found, not changed
    const foreign = await putExamples('knowledge', 'orders.track', { zh: ['偷改'], en: [] }, staff.outsider);
    expect(foreign.status).toBe(404);
  });

  it('rejects bad input with the path of each problem and saves nothing', async () => {
    const empty = await putExamples('knowledge', 'orders.track', { zh: ['  '], en: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_failed');
    expect(empty.body.error.details?.[0]?.path).toBe('examples.zh.0');
    const tooMany = await putExamples('knowledge', 'orders.track', {
      zh: Array.from({ length: 51 }, (_, i) => `问题 ${i}`),
      en: [],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details?.[0]?.path).toBe('examples.zh');
    const none = await putExamples('knowledge', 'orders.track', { zh: [], en: [] });
    expect(none.status).toBe(400);
    expect(none.body.error.details?.[0]?.path).toBe('examples');
    expect((await putExamples('rules', 'rules', { zh: ['x'], en: [] })).status).toBe(400);
    expect((await putExamples('knowledge', 'no.such', { zh: ['x'], en: [] })).status).toBe(404);
    expect((await putExamples('flow', 'no_such', { zh: ['x'], en: [] })).status).toBe(404);

    const lonely = await putVocabulary({ words: ['同行卡'], synonyms: [['退款']] });
    expect(lonely.status).toBe(400);
    expect(lonely.body.error.details?.[0]?.path).toBe('synonyms.0');
    const shared = await putVocabulary({
      words: [],
      synonyms: [
        ['退款', '退钱'],
        ['退钱', '返款'],
      ],
    });
    expect(shared.status).toBe(400);
    expect(shared.body.error.details?.[0]?.path).toBe('synonyms.1.0');
    const long = await putVocabulary({ words: ['字'.repeat(51)], synonyms: [] });
    expect(long.body.error.details?.[0]?.path).toBe('words.0');
    const extra = await putVocabulary({ words: [], synonyms: [], greeting: 'hi' });
    expect(extra.status).toBe(400);
    const settings = await api<Definitions>(t.url, '/api/admin/bot/settings', { cookie: staff.admin });
    expect(settings.body.definitions[0]?.version).toBe(1);
  });

  it(
    'saves an example as a new knowledge version, and the bot then matches it',
    async () => {
      const before = (await intents()).body.intents.find((i) => i.id === 'orders.cancel');
      expect(before).toBeDefined();
      const examples = {
        zh: [...(before?.examples.zh ?? []), '下错单了想撤回订单'],
        en: before?.examples.en ?? [],
      };
      const saved = await putExamples('knowledge', 'orders.cancel', examples);
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBeGreaterThan(1);
      expect(saved.body.intent.examples.zh).toContain('下错单了想撤回订单');
      expect(saved.body.bot.state).toBe('training');
      await whenLive(t, staff.admin, adminSocket, saved.body.bot.version);
      const tried = await api<BotTryResult>(t.url, '/api/admin/bot/try', {
        cookie: staff.admin,
        body: { text: '下错单了想撤回订单' },
      });
      expect(tried.body.intent?.name).toBe('orders.cancel');
      // saving the same examples again records nothing
      const again = await putExamples('knowledge', 'orders.cancel', examples);
      expect(again.body.version).toBeNull();
    },
    RETRAIN_TIMEOUT_MS + EVENT_TIMEOUT_MS,
  );

  it(
    "saves a flow's trigger examples as a new flow version, keeping the rest of its source",
    async () => {
      const flow = (await intents()).body.intents.find((i) => i.id === 'flow:return_request');
      const examples = {
        zh: [...(flow?.examples.zh ?? []), '买的鞋子不合脚要退'],
        en: flow?.examples.en ?? [],
      };
      const saved = await putExamples('flow', 'return_request', examples);
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(2);
      const history = await api<Definitions>(t.url, '/api/admin/bot/flow/return_request/versions', {
        cookie: staff.admin,
      });
      const [latest, first] = history.body.definitions;
      expect(latest?.source).toContain('# Return or refund request that opens a ticket');
      const after = parse(latest?.source ?? '');
      const before = parse(first?.source ?? '');
      expect(after.trigger.examples.zh).toContain('买的鞋子不合脚要退');
      expect({ ...after, trigger: null }).toEqual({ ...before, trigger: null });
      await whenLive(t, staff.admin, adminSocket, saved.body.bot.version);
      const reply = await askBot(t, '买的鞋子不合脚要退');
      expect(reply.text).toMatch(/订单号/);
    },
    RETRAIN_TIMEOUT_MS + EVENT_TIMEOUT_MS,
  );

  it('saves the vocabulary as a new settings version with every other setting as it was', async () => {
    const read = await api<VocabularyView>(t.url, '/api/admin/bot/vocabulary', { cookie: staff.admin });
    expect(read.body.version).toBe(1);
    expect(read.body.vocabulary.words).toContain('同行卡');
    const vocabulary = {
      words: [...read.body.vocabulary.words, '闪电退'],
      synonyms: [['退款', '退钱', 'refund']],
    };
    const saved = await putVocabulary(vocabulary);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.vocabulary).toEqual(vocabulary);
    const history = await api<Definitions>(t.url, '/api/admin/bot/settings/settings/versions', {
      cookie: staff.admin,
    });
    const [latest, first] = history.body.definitions;
    const after = JSON.parse(latest?.source ?? '{}');
    const before = JSON.parse(first?.source ?? '{}');
    expect(after.vocabulary).toEqual(vocabulary);
    expect({ ...after, vocabulary: null }).toEqual({ ...before, vocabulary: null });
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const same = await putVocabulary(vocabulary);
    expect(same.body.version).toBe(2);
  });

  it('runs one report at a time per workspace, and says when there is too little to learn from', async () => {
    const first = await startReport(staff.outsider);
    expect(first.status).toBe(202);
    const job = await reportDone(staff.outsider);
    expect(job).toMatchObject({ id: first.body.job?.id, state: 'failed', report: null });
    expect(job.error?.code).toBe('not_enough_data');
  });

  it(
    "finds two intents with near-identical examples confused while other customers' replies go on",
    async () => {
      const outsider = staff.outsider;
      for (const entry of [twins('teapot.polish', false), twins('teapot.clean', true), ...distinct]) {
        const res = await api(t.url, `/api/admin/knowledge/${entry.id}`, {
          method: 'PUT',
          cookie: outsider,
          body: entry,
        });
        expect(res.status).toBe(200);
      }
      const flow = await api(t.url, '/api/admin/bot/flow', {
        cookie: outsider,
        body: { format: 'yaml', source: giftCardFlow },
      });
      expect(flow.status).toBe(201);
      const started = await startReport(outsider);
      expect(started.body.job?.state).toBe('running');
      // a second request while it runs gets the same job, not a second run
      const second = await startReport(outsider);
      expect(second.status).toBe(202);
      expect(second.body.job?.id).toBe(started.body.job?.id);
      // the report trains off the event loop: a customer of another workspace is answered meanwhile
      const reply = await askBot(t, '怎么查物流');
      const answeredAt = Date.now();
      expect(reply.text.length).toBeGreaterThan(0);

      const job = await reportDone(outsider);
      expect(job.state).toBe('done');
      expect(Date.parse(job.finishedAt ?? '')).toBeGreaterThan(answeredAt);
      const report = job.report;
      if (!report) throw new Error('no report');
      expect(report.examples).toBe(24);
      expect(report.intents).toBe(5);
      expect(report.folds).toBe(5);
      expect(report.trainMs).toHaveLength(5);
      for (const value of [
        report.accuracy,
        report.macroF1,
        report.threshold.value,
        report.threshold.refused,
      ]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      const f1s = report.perIntent.map((m) => m.f1);
      expect(f1s).toEqual([...f1s].sort((a, b) => a - b));
      const polish = report.perIntent.find((m) => m.intent === 'teapot.polish');
      expect(polish).toMatchObject({ source: 'knowledge', key: 'teapot.polish', support: 6 });
      expect(polish?.name.en).toBe('how do I polish the silver teapot');
      const card = report.perIntent.find((m) => m.intent === 'flow:gift_card');
      expect(card).toMatchObject({
        source: 'flow',
        key: 'gift_card',
        name: { zh: '礼品卡', en: 'Gift card' },
      });
      const confused = report.confusions.find(
        (c) =>
          c.expected.startsWith('teapot.') && c.predicted.startsWith('teapot.') && c.expected !== c.predicted,
      );
      expect(confused, JSON.stringify(report.confusions)).toBeDefined();
      expect(confused?.examples.length).toBe(Math.min(confused?.count ?? 0, 10));
      expect(confused?.examples[0]).toMatch(/teapot/);
      expect(Date.parse(report.createdAt)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));
    },
    REPORT_TIMEOUT_MS + EVENT_TIMEOUT_MS,
  );

  it('limits how often a report may be asked for, with a stable error code', async () => {
    let limited: { status: number; body: unknown } | null = null;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await startReport(staff.outsider);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(202);
    }
    expect((limited?.body as ErrorBody | undefined)?.error.code).toBe('rate_limited');
  });
});
