import type { AgentConversation, BotStatusView, MessageView, WidgetConversation } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  clientId,
  connect,
  emit,
  loginCookie,
  newCustomer,
  RETRAIN_TIMEOUT_MS,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;

/** Staff change what the bot does through the admin API, and the next message already behaves differently. */
describe('bot administration and the conversation engine in the server', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
  });
  afterAll(() => t.close());

  const botReply = async (customer: Customer, text: string) => {
    const reply = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');
    const ack = await emit(customer.socket, 'message:send', { clientId: clientId(), text });
    expect(ack.ok).toBe(true);
    return reply;
  };

  const rulesYaml = (phrase: string) => `
- id: new-scam
  name: New scam script
  enabled: true
  when:
    any:
      - keywords: ["${phrase}"]
  then:
    - answer:
        zh: 提醒：这是新型诈骗话术，请勿转账。
        en: "Warning: this is a new scam script. Do not transfer money."
    - tag: fraud-risk
`;

  it('makes a new rule live for the very next message, and rolls it back', async () => {
    const customer = await newCustomer(t, 'zh');
    const before = await botReply(customer, '客服说要我下载会议软件共享屏幕退保证金');
    expect(before.text).not.toContain('新型诈骗话术');

    const saved = await api<{ key: string; version: number }>(t.url, '/api/admin/bot/rules', {
      cookie: admin,
      body: { format: 'yaml', source: rulesYaml('退保证金') },
    });
    expect(saved.status).toBe(201);
    const after = await botReply(customer, '客服说要我下载会议软件共享屏幕退保证金');
    expect(after.text).toContain('新型诈骗话术');

    const versions = await api<{ definitions: Array<{ version: number; active: boolean }> }>(
      t.url,
      '/api/admin/bot/rules/rules/versions',
      { cookie: admin },
    );
    const previous = versions.body.definitions.find((d) => !d.active);
    expect(previous).toBeDefined();
    const rolled = await api(t.url, '/api/admin/bot/rules/rules/activate', {
      cookie: admin,
      body: { version: previous?.version },
    });
    expect(rolled.status).toBe(200);
    const again = await botReply(customer, '客服说要我下载会议软件共享屏幕退保证金');
    expect(again.text).not.toContain('新型诈骗话术');
  });

  it('lists a flow switched off, with its newest version, and switches it back on', async () => {
    type Listed = { definitions: Array<{ key: string; version: number; active: boolean }> };
    const list = async () =>
      (await api<Listed>(t.url, '/api/admin/bot/flow', { cookie: admin })).body.definitions.filter(
        (d) => d.key === 'password_reset',
      );
    const [running] = await list();
    expect(running?.active).toBe(true);
    const off = await api(t.url, '/api/admin/bot/flow/password_reset/activate', {
      cookie: admin,
      body: { version: null },
    });
    expect(off.status).toBe(200);
    expect(await list()).toEqual([expect.objectContaining({ version: running?.version, active: false })]);
    await api(t.url, '/api/admin/bot/flow/password_reset/activate', {
      cookie: admin,
      body: { version: running?.version },
    });
    expect(await list()).toEqual([expect.objectContaining({ version: running?.version, active: true })]);
  });

  it('rejects invalid definitions with the exact path and keeps the running version', async () => {
    const flows = await api<{ definitions: Array<{ key: string; version: number }> }>(
      t.url,
      '/api/admin/bot/flow',
      {
        cookie: admin,
      },
    );
    const orderStatus = flows.body.definitions.find((d) => d.key === 'order_status');
    expect(orderStatus).toBeDefined();

    const broken = await api<{ error: { code: string; details: Array<{ path: string }> } }>(
      t.url,
      '/api/admin/bot/flow',
      {
        cookie: admin,
        body: {
          format: 'json',
          source: JSON.stringify({
            id: 'order_status',
            name: { zh: '查订单', en: 'Order status' },
            trigger: { examples: { zh: ['查订单'], en: ['order status'] } },
            start: 'hello',
            nodes: { hello: { type: 'say', text: { zh: '你好', en: 'hi' }, next: 'nowhere' } },
          }),
        },
      },
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('validation_failed');
    expect(broken.body.error.details.map((d) => d.path).join(' ')).toContain('nodes.hello.next');
    const after = await api<{ definitions: Array<{ key: string; version: number }> }>(
      t.url,
      '/api/admin/bot/flow',
      {
        cookie: admin,
      },
    );
    expect(after.body.definitions.find((d) => d.key === 'order_status')?.version).toBe(orderStatus?.version);

    const evil = await api<{ error: { code: string; details: Array<{ path: string }> } }>(
      t.url,
      '/api/admin/bot/rules',
      {
        cookie: admin,
        body: {
          format: 'json',
          source: JSON.stringify([
            {
              id: 'evil',
              name: 'evil',
              enabled: true,
              when: { any: [{ regex: '(a+)+$' }] },
              // biome-ignore lint/suspicious/noThenProperty: `then` is the rule format's action list
              then: [{ tag: 'x' }],
            },
          ]),
        },
      },
    );
    expect(evil.status).toBe(400);
    expect(evil.body.error.details[0]?.path).toMatch(/regex/);
  });

  it('lets only admins and supervisors change the bot', async () => {
    const agent = await loginCookie(t.url, 'agent1@tandem.demo');
    const denied = await api<{ error: { code: string } }>(t.url, '/api/admin/bot/rules', {
      cookie: agent,
      body: { format: 'yaml', source: rulesYaml('x') },
    });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);
    expect((await api(t.url, '/api/admin/bot/rules', { body: { format: 'yaml', source: 'x' } })).status).toBe(
      401,
    );
  });

  it('runs a flow against the business system over HTTP', async () => {
    const customer = await newCustomer(t, 'zh', { customerId: 'C1001' });
    const first = await botReply(customer, '帮我查一下订单 202611230001 到哪了');
    const text = first.text;
    expect(text).toMatch(/已发货|顺丰|SF/);
  });

  it('sends human-first customers straight to a person, the bot only greeting', async () => {
    const cookie = await loginCookie(t.url, 'agent2@tandem.demo');
    const agent = await connect(t, '/agent', { cookie });
    const customer = await newCustomer(t, 'zh', { ageGroup: '60+' });
    const queued = waitFor<AgentConversation>(
      agent,
      'conversation:updated',
      (c) => c.contact.id === customer.contactId && c.status === 'queued',
    );
    const forCustomer = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'queued',
    );
    const greeting = await botReply(customer, '你好，我想问下信用卡还款');
    expect(greeting.text).toContain('人工');
    await forCustomer;
    expect((await queued).handoffReason).toBe('human_first');
  });

  it('raises priority for an angry customer and shows staff the emotion', async () => {
    const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    const agent = await connect(t, '/agent', { cookie });
    const customer = await newCustomer(t, 'zh');
    await botReply(customer, '怎么退款');
    const upset = waitFor<AgentConversation>(
      agent,
      'conversation:updated',
      (c) => c.contact.id === customer.contactId && c.emotion?.current.basic === 'anger' && c.priority > 0,
    );
    // a person is offered at once (a 转人工 button) or, when it is urgent, the conversation is queued:
    // whichever the customer's widget hears first (the wait is for that event, not for a time)
    const offeredOrQueued = new Promise<'offered' | 'queued'>((resolve) => {
      const onMessage = (m: MessageView) => {
        if (m.buttons.some((b) => b.label === '转人工')) done('offered');
      };
      const onConversation = (c: WidgetConversation) => {
        if (c.status === 'queued') done('queued');
      };
      const done = (what: 'offered' | 'queued') => {
        customer.socket.off('message:new', onMessage);
        customer.socket.off('conversation:updated', onConversation);
        resolve(what);
      };
      customer.socket.on('message:new', onMessage);
      customer.socket.on('conversation:updated', onConversation);
    });
    const reply = await botReply(
      customer,
      '等了一个星期还没退款！！！你们到底怎么回事，太过分了，马上给我处理！！',
    );
    const row = await upset;
    expect(row.emotion?.current.polarity).toBe('negative');
    expect(row.priority).toBeGreaterThan(0);
    expect(reply.author.kind).toBe('bot');
    await offeredOrQueued;
    const transcript = await api<{ messages: MessageView[] }>(t.url, `/api/conversations/${row.id}`, {
      cookie,
    });
    const last = transcript.body.messages.filter((m) => m.author.kind === 'customer').at(-1);
    expect(last?.emotion?.basic).toBe('anger');
    const offered = transcript.body.messages.some((m) => m.buttons.some((b) => b.label === '转人工'));
    const conversation = await api<{ conversation: AgentConversation }>(
      t.url,
      `/api/conversations/${row.id}`,
      { cookie },
    );
    expect(offered || conversation.body.conversation.status === 'queued').toBe(true);
    // the customer's own view never carries what the bot read
    const session = await api<{ messages: MessageView[] }>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', visitorToken: customer.token },
    });
    expect(session.body.messages.every((m) => m.emotion === undefined)).toBe(true);
  });

  it('sends a complaint threat to the expert tier, with the team and rule for the expert', async () => {
    const cookie = await loginCookie(t.url, 'expert@tandem.demo');
    const expert = await connect(t, '/agent', { cookie });
    const customer = await newCustomer(t, 'zh');
    // this customer's row: the earlier test's angry customer may still be queued for the expert tier
    const queued = waitFor<AgentConversation>(
      expert,
      'conversation:updated',
      (c) => c.contact.id === customer.contactId && c.status === 'queued',
    );
    await botReply(customer, '你们再不处理我就打12315投诉你们！');
    const row = await queued;
    expect(row.handoffReason).toBe('rule');
    expect(row.handoff?.tier).toBe('expert');
    expect(row.priority).toBeGreaterThanOrEqual(50);
    expect(row.tags).toContain('complaint-risk');
  });

  it('learns a new FAQ entry without a restart, and says when it is live', async () => {
    const entry = {
      id: 'stores.gift_wrap',
      category: 'orders',
      questions: {
        zh: ['可以礼品包装吗', '能帮忙包成礼物吗'],
        en: ['do you offer gift wrapping', 'can you wrap it as a gift'],
      },
      answer: {
        zh: '可以，下单时勾选「礼品包装」即可，每单 5 元。',
        en: 'Yes: tick "Gift wrap" at checkout, ¥5 per order.',
      },
      related: [],
    };
    // the console hears when the change is live: no polling, no fixed wait
    const console = await connect(t, '/agent', { cookie: admin });
    const saved = await api<{ bot: BotStatusView }>(t.url, `/api/admin/knowledge/${entry.id}`, {
      method: 'PUT',
      cookie: admin,
      body: entry,
    });
    expect(saved.status).toBe(200);
    // the answer says the bot is learning it; the old bot answers until the new one is swapped in
    expect(saved.body.bot.state).toBe('training');
    const version = saved.body.bot.version;
    await waitFor<BotStatusView>(console, 'bot:status', (s) => s.liveVersion >= version, RETRAIN_TIMEOUT_MS);
    const status = await api<BotStatusView>(t.url, '/api/admin/bot/status', { cookie: admin });
    expect(status.body).toMatchObject({ state: 'live', liveVersion: version });
    expect((await botReply(await newCustomer(t, 'en'), 'do you offer gift wrapping?')).text).toContain(
      'Gift wrap',
    );
    const agent = await loginCookie(t.url, 'agent1@tandem.demo');
    const denied = await api(t.url, `/api/admin/knowledge/${entry.id}`, { method: 'DELETE', cookie: agent });
    expect(denied.status).toBe(403);
    const bad = await api<{ error: { details: Array<{ path: string }> } }>(
      t.url,
      '/api/admin/knowledge/bad.entry',
      {
        method: 'PUT',
        cookie: admin,
        body: { ...entry, id: 'bad.entry', answer: { zh: '' } },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toContain('answer.zh');
  });
});
