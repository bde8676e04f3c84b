import type { BotTryResult, KnowledgeChangeResult, MessageView } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientId, emit, newCustomer, startTestApp, type TestApp, waitFor } from './harness.ts';
import { knowledgeStaff, staffSocket, whenLive } from './knowledgeHelpers.ts';

type ErrorBody = { error: { code: string } };

/** Try it: what the bot would do with a message and why, from the very engine that answers customers. */
describe('trying the bot', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof knowledgeStaff>>;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await knowledgeStaff(t, 'try-other');
  });
  afterAll(() => t.close());

  const tryIt = (body: object, cookie = staff.admin) =>
    api<BotTryResult & ErrorBody>(t.url, '/api/admin/bot/try', { cookie, body });

  const count = async (table: 'messages' | 'conversations' | 'contacts') => {
    const row = await t.app.ctx.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('explains an answer: intent, runner-ups with their scores, entities, emotion, and stores nothing', async () => {
    const before = [await count('contacts'), await count('conversations'), await count('messages')];
    const res = await tryIt({ text: '我的订单 TD20240301001 到哪了？快递一直不更新，急死了', lang: 'zh' });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.lang).toBe('zh');
    expect(r.botVersion).toBeGreaterThanOrEqual(0);
    expect(['answer', 'clarify', 'handover']).toContain(r.decision);
    expect(r.replies.length).toBeGreaterThan(0);
    expect(r.candidates.length).toBeGreaterThan(1);
    const [top, second] = r.candidates;
    expect(top?.score).toBeGreaterThanOrEqual(second?.score ?? 0);
    for (const c of r.candidates) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      if (c.kind === 'entry') expect(c.title).toEqual(expect.any(String));
    }
    expect(r.match?.outcome).toMatch(/answer|clarify|unknown/);
    expect(r.entities).toContainEqual(
      expect.objectContaining({ type: 'order_number', value: 'TD20240301001' }),
    );
    expect(r.emotion.polarity).toBe('negative');
    expect(r.emotion.signals.length).toBeGreaterThan(0);
    expect([await count('contacts'), await count('conversations'), await count('messages')]).toEqual(before);

    const answer = await tryIt({ text: 'How can I track my order?', lang: 'en' });
    expect(answer.body).toMatchObject({ decision: 'answer', stage: 'knowledge', kind: 'answer' });
    expect(answer.body.intent?.name).toBe(answer.body.candidates[0]?.id);
    expect(answer.body.candidates[0]).toMatchObject({ kind: 'entry', category: 'orders' });
  });

  it('explains rules, hand-overs and flows', async () => {
    const fraud = await tryIt({ text: '客服让我把验证码告诉我，说要退款', lang: 'zh' });
    expect(fraud.body.stage).toBe('rule');
    expect(fraud.body.rules.matched.map((m) => m.id)).toContain('fraud-verification-code');
    expect(fraud.body.tags).toContain('fraud-risk');

    const human = await tryIt({ text: '转人工', lang: 'zh' });
    expect(human.body).toMatchObject({ decision: 'handover', stage: 'keyword', handoffRequest: 'explicit' });
    expect(human.body.handover).toMatchObject({ reason: 'keyword', tier: 'agent' });

    const flow = await tryIt({ text: '帮我查一下订单 202611230001 到哪了', lang: 'zh' });
    expect(flow.body.stage).toBe('flow');
    expect(flow.body.flow?.id).toBe('order_status');
    expect(flow.body.intent?.name).toBe('flow:order_status');

    const unknown = await tryIt({ text: '你们卖不卖火箭发动机', lang: 'zh' });
    expect(['dont_know', 'clarify']).toContain(unknown.body.decision);

    const odd = await tryIt({ text: 'constructor __proto__ toString' });
    expect(odd.status).toBe(200);
  });

  /** The same message as a new customer's first: try-it must say exactly what the bot says. */
  it('decides exactly as the bot answers a new customer', async () => {
    const cases: Array<[string, 'zh' | 'en']> = [
      ['怎么开发票', 'zh'],
      ['会员', 'zh'],
      ['你们卖不卖火箭发动机', 'zh'],
      ['客服让我把验证码告诉我', 'zh'],
      ['帮我查一下订单 202611230001 到哪了', 'zh'],
      ['转人工', 'zh'],
      ['How can I track my order?', 'en'],
      ['thanks!', 'en'],
      ['my package is late AGAIN, this is ridiculous', 'en'],
    ];
    const decisions = new Set<string>();
    for (const [text, lang] of cases) {
      const tried = (await tryIt({ text, lang })).body;
      decisions.add(`${tried.decision}/${tried.stage}`);
      const customer = await newCustomer(t, lang);
      const reply = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');
      const ack = await emit(customer.socket, 'message:send', { clientId: clientId(), text });
      expect(ack.ok).toBe(true);
      const real = await reply;
      expect({ text: real.text, buttons: real.buttons }, text).toEqual(tried.replies[0]);
      customer.socket.disconnect();
    }
    // the cases cover the bot's decisions and the steps that take them
    expect([...decisions].sort()).toEqual([
      'answer/flow',
      'answer/knowledge',
      'answer/rule',
      'answer/small_talk',
      'clarify/knowledge',
      'dont_know/knowledge',
      'handover/keyword',
    ]);
  });

  it('tries the engine that is live: a new entry once its training is live', async () => {
    const console = await staffSocket(t, staff.admin);
    const saved = await api<KnowledgeChangeResult>(t.url, '/api/admin/knowledge/try.tea', {
      method: 'PUT',
      cookie: staff.admin,
      body: {
        id: 'try.tea',
        category: 'products',
        questions: { zh: ['你们卖茶叶吗', '有没有普洱茶'], en: ['do you sell tea'] },
        answer: { zh: '有的，茶叶在「食品」频道，普洱、龙井都有。', en: 'Yes: tea is in the Food channel.' },
        related: [],
      },
    });
    await whenLive(t, staff.admin, console, saved.body.bot.version);
    const tried = await tryIt({ text: '你们卖茶叶吗', lang: 'zh' });
    expect(tried.body).toMatchObject({ decision: 'answer', intent: { name: 'try.tea' } });
    expect(tried.body.botVersion).toBeGreaterThanOrEqual(saved.body.bot.version);
    expect(tried.body.candidates[0]).toMatchObject({
      id: 'try.tea',
      title: '你们卖茶叶吗',
      category: 'products',
    });
  });

  it('is for admins and supervisors, validated, and per workspace', async () => {
    expect((await tryIt({ text: '你好' }, staff.supervisor)).status).toBe(200);
    const agent = await tryIt({ text: '你好' }, staff.agent);
    expect([agent.status, agent.body.error.code]).toEqual([403, 'forbidden']);
    expect((await api(t.url, '/api/admin/bot/try', { body: { text: '你好' } })).status).toBe(401);
    expect((await tryIt({ text: '   ' })).body.error.code).toBe('validation_failed');
    expect((await tryIt({ text: 'x'.repeat(4001) })).body.error.code).toBe('message_too_long');
    expect((await tryIt({ text: 'hi', lang: 'fr' })).status).toBe(400);
    // the other workspace has no knowledge yet, so no bot to try (its customers would get none either)
    const outsider = await tryIt({ text: 'How can I track my order?', lang: 'en' }, staff.outsider);
    expect([outsider.status, outsider.body.error.code]).toEqual([409, 'conflict']);
  });
});
