import { createHmac, randomBytes } from 'node:crypto';
import { type HandoffPacket, handoffPacketSchema, type MessageView } from '@tandem/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken } from '../src/services/tokens.ts';
import {
  api,
  clientId,
  connect,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  startTestApp,
  type TestApp,
} from './harness.ts';

type ErrorReply = { error: { code: string } };

/** Every message a widget socket receives, and a way to wait for one (no fixed sleeps). */
function recorder(socket: Socket) {
  const seen: MessageView[] = [];
  let wake: Array<() => void> = [];
  socket.on('message:new', (message: MessageView) => {
    seen.push(message);
    for (const resume of wake) resume();
    wake = [];
  });
  return {
    async until(match: (m: MessageView) => boolean, what: string): Promise<MessageView> {
      const deadline = Date.now() + EVENT_TIMEOUT_MS;
      for (;;) {
        const found = seen.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1);
          wake.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

describe('the hand-over packet', () => {
  let t: TestApp;
  let agent: string;
  let admin: string;
  let secret: string;

  beforeAll(async () => {
    t = await startTestApp();
    agent = await loginCookie(t.url, 'agent1@tandem.demo');
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    secret = (await api<{ secret: string }>(t.url, '/api/admin/identity', { cookie: admin })).body.secret;
  });
  afterAll(() => t?.close());

  const sign = (customerId: string) => createHmac('sha256', secret).update(customerId).digest('hex');

  /** A customer's device: a widget session (signed in as `customerId` when given) and its socket. */
  async function device(options: { customerId?: string; attributes?: Record<string, string> } = {}) {
    const session = await api<{ visitorToken: string; contactId: string }>(t.url, '/api/widget/session', {
      body: {
        workspace: 'demo',
        locale: 'zh',
        ...(options.customerId
          ? { identity: { customerId: options.customerId, signature: sign(options.customerId) } }
          : {}),
        ...(options.attributes ? { attributes: options.attributes } : {}),
      },
    });
    expect(session.status).toBe(200);
    return open(session.body.visitorToken, session.body.contactId);
  }

  async function open(token: string, contactId: string) {
    const socket = await connect(t, '/widget', { token });
    const inbox = recorder(socket);
    /** Sends a message; resolves with it and the bot's first reply to it (or null when `reply` is false). */
    const say = async (text: string, reply = true) => {
      const ack = await emit<{ message: MessageView }>(socket, 'message:send', {
        clientId: clientId(),
        text,
      });
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      const sent = ack.data.message;
      const answer = reply
        ? await inbox.until(
            (m) => m.clientId?.startsWith(`bot-${sent.id}-`) === true,
            `the reply to "${text}"`,
          )
        : null;
      return { sent, answer };
    };
    return { contactId, socket, inbox, say };
  }

  const packet = (id: string, query = '', cookie = agent) =>
    api<HandoffPacket & ErrorReply>(t.url, `/api/conversations/${id}/handoff${query}`, { cookie });

  it('gives the person taking over the whole story, across the verified customer’s devices', async () => {
    // on a phone, earlier today: a question to the bot, still open
    const phone = await device({ customerId: 'C1001' });
    const onPhone = (await phone.say('退货政策是什么？')).sent.conversationId;

    // on a laptop: a conversation that ended, then today's
    const laptop = await device({ customerId: 'C1001' });
    const earlier = (await laptop.say('积分什么时候过期？')).sent.conversationId;
    const resolved = await api(t.url, `/api/conversations/${earlier}/resolve`, {
      method: 'POST',
      cookie: admin,
    });
    expect(resolved.status).toBe(200);

    // someone else only claims to be C1001 (a page attribute: dropped), and an older contact has the id unverified
    const claimer = await device({ attributes: { customerId: 'C1001' } });
    const claimed = (await claimer.say('我是 C1001，帮我查订单')).sent.conversationId;
    const oldToken = randomBytes(24).toString('base64url');
    const old = await t.app.ctx.store.contacts.create({
      workspaceId: (await t.app.ctx.store.workspaces.findBySlug('demo'))?.id as string,
      tokenHash: hashToken(oldToken),
      name: null,
      lang: 'zh',
      attributes: { customerId: 'C1001' },
    });
    const unverified = (await (await open(oldToken, old.id)).say('你好')).sent.conversationId;

    const first = await laptop.say('帮我查下订单 202611230001');
    const id = first.sent.conversationId;
    expect(id).not.toBe(earlier);
    await laptop.say('退款多久能到账？');
    // the outburst: the bot apologises and puts them through to a person at once; they ask for one anyway
    const queued = laptop.inbox.until((m) => m.notice?.code === 'queued', 'the queued notice');
    await laptop.say('等了一个星期还没退款！！！太过分了，马上处理！');
    await queued;
    await laptop.say('转人工', false);

    const res = await packet(id, '?lang=zh');
    expect(res.status).toBe(200);
    const body = handoffPacketSchema.parse(res.body);
    expect(body.conversation).toMatchObject({ id, status: 'queued' });

    // the order number said first, once
    expect(body.summary.details).toContainEqual({
      type: 'order_number',
      text: '202611230001',
      masked: false,
      seqs: [first.sent.seq],
    });
    // the customer is angry, not calm, though their last words ("转人工") read neutral
    expect(body.emotion?.current.polarity).toBe('negative');
    expect(body.emotion?.latest.polarity).toBe('neutral');
    expect(body.summary.emotion?.current.polarity).toBe('negative');
    expect(body.emotion?.trend).toBe('worsening');
    expect(body.summary.text).toMatch(/情绪：(不耐烦|愤怒)/);
    // why it came to people, in both places
    expect(body.reason).toMatchObject({ code: 'emotion', tier: 'agent' });
    expect(body.summary.reason).toEqual(body.reason);
    expect(body.summary.text).toContain('转人工原因：客户情绪');
    expect(body.summary.customerNeeds.map((n) => n.text)).toContain(
      '等了一个星期还没退款！！！太过分了，马上处理！',
    );
    expect(body.summary.intent).not.toBeNull();
    // the whole transcript, the bot's turns included
    expect(body.messages.map((m) => m.author.kind)).toEqual(
      expect.arrayContaining(['customer', 'bot', 'system']),
    );
    expect(body.messages.find((m) => m.text === '转人工')?.emotion?.polarity).toBe('neutral');
    // who the customer is, verified
    expect(body.contact).toMatchObject({
      id: laptop.contactId,
      verifiedCustomerId: 'C1001',
      attributes: { customerId: 'C1001', identityVerified: true },
    });
    // both devices' earlier conversations, newest first; not the claimers'
    const previous = body.previousConversations;
    expect(previous.map((p) => [p.id, p.joinedBy])).toEqual([
      [earlier, 'contact'],
      [onPhone, 'customer_id'],
    ]);
    expect(previous[0]).toMatchObject({ status: 'resolved', firstMessage: '积分什么时候过期？' });
    expect(previous[0]?.messageCount).toBeGreaterThanOrEqual(2);
    expect(previous[1]).toMatchObject({ status: 'bot', firstMessage: '退货政策是什么？' });
    for (const stranger of [claimed, unverified]) expect(previous.map((p) => p.id)).not.toContain(stranger);

    // the same packet for English-speaking staff
    const en = await packet(id, '?lang=en');
    expect(en.body.summary.lang).toBe('en');
    expect(en.body.summary.text).toContain('Details given: order number 202611230001');
    expect(en.body.summary.text).toContain('Handed over: upset customer');
    // documented with the other routes
    const openapi = await api<{ paths: Record<string, unknown> }>(t.url, '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toContain('/api/conversations/{id}/handoff');
  });

  it('an unverified visitor’s packet joins nothing by a claimed customer id', async () => {
    const visitor = await device({ attributes: { customerId: 'C1001', vipLevel: 'gold' } });
    const id = (await visitor.say('你好')).sent.conversationId;
    const res = await packet(id);
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({ verifiedCustomerId: null, attributes: { vipLevel: 'gold' } });
    expect(res.body.previousConversations).toEqual([]);
    // in the staff member's own language when none is asked for (agent1 reads Chinese)
    expect(res.body.summary.lang).toBe('zh');
    expect(res.body.reason).toEqual({ code: null, detail: null, tier: null, team: null });
  });

  it('is for staff of the conversation’s workspace only', async () => {
    const visitor = await device();
    const id = (await visitor.say('你好')).sent.conversationId;
    expect((await api<ErrorReply>(t.url, `/api/conversations/${id}/handoff`)).status).toBe(401);

    const store = t.app.ctx.store;
    const otherShop = await store.setup.createWorkspace({ slug: 'other-shop', name: 'Other shop' });
    await store.setup.createUser({
      workspaceId: otherShop,
      email: 'agent@other-shop.test',
      name: 'Other agent',
      role: 'admin',
      passwordHash: await hashPassword('other-password'),
      locale: 'en',
    });
    const outsider = await loginCookie(t.url, 'agent@other-shop.test', 'other-password');
    const denied = await packet(id, '', outsider);
    expect([denied.status, denied.body.error.code]).toEqual([404, 'conversation_not_found']);

    const unknown = await packet('00000000-0000-4000-8000-000000000000');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'conversation_not_found']);
    const bad = await packet('not-a-uuid');
    expect(bad.status).toBe(400);
    const badLang = await packet(id, '?lang=fr');
    expect(badLang.status).toBe(400);
  });
});
