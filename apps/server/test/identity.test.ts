import { createHmac } from 'node:crypto';
import type { AgentConversation, MessageView } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browserHarness.ts';
import {
  api,
  clientId,
  connect,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

const sign = (secret: string, customerId: string) =>
  createHmac('sha256', secret).update(customerId).digest('hex');

interface Session {
  visitorToken: string;
  contactId: string;
  conversation: unknown;
}
type ErrorReply = { error: { code: string; message: string } };

/** Identity verification: only a customer id signed with the workspace's secret reaches the contact. */
describe('signed customer identity', () => {
  let t: TestApp;
  let admin: string;
  let secret: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    const res = await api<{ secret: string }>(t.url, '/api/admin/identity', { cookie: admin });
    expect(res.status).toBe(200);
    secret = res.body.secret;
  });
  afterAll(() => t.close());

  const session = (body: Record<string, unknown>) =>
    api<Session & ErrorReply>(t.url, '/api/widget/session', { body: { workspace: 'demo', ...body } });
  const attributesOf = async (contactId: string) =>
    (await t.app.ctx.store.contacts.findById(contactId))?.attributes;
  const contactCount = async () =>
    Number(
      (
        await t.app.ctx.store.db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('gives admins the secret, never agents or strangers', async () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await api<{ secret: string }>(t.url, '/api/admin/identity', { cookie: admin });
    expect(again.body.secret).toBe(secret);
    expect(again.headers.get('cache-control')).toBe('no-store');
    const agent = await loginCookie(t.url, 'agent1@tandem.demo');
    for (const [method, path] of [
      ['GET', '/api/admin/identity'],
      ['POST', '/api/admin/identity/rotate'],
    ] as const) {
      const denied = await api<ErrorReply>(t.url, path, { method, cookie: agent });
      expect([denied.status, denied.body.error.code], path).toEqual([403, 'forbidden']);
      expect(JSON.stringify(denied.body)).not.toContain(secret);
      expect((await api(t.url, path, { method })).status, path).toBe(401);
    }
    const openapi = await api<{ paths: Record<string, unknown> }>(t.url, '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/admin/identity', '/api/admin/identity/rotate']),
    );
  });

  it('stores a verified customerId from a valid signature, and only that one', async () => {
    const res = await session({
      identity: { customerId: 'C1001', signature: sign(secret, 'C1001') },
      attributes: { customerId: 'C6666', identityVerified: true, vipLevel: 'gold', ageGroup: '30-39' },
    });
    expect(res.status).toBe(200);
    expect(await attributesOf(res.body.contactId)).toEqual({
      customerId: 'C1001',
      identityVerified: true,
      vipLevel: 'gold',
      ageGroup: '30-39',
    });
    // an upper-case hex signature is the same signature
    const upper = await session({
      identity: { customerId: 'C1001', signature: sign(secret, 'C1001').toUpperCase() },
    });
    expect(upper.status).toBe(200);
  });

  it('drops customerId and identityVerified from unsigned page attributes', async () => {
    const res = await session({
      attributes: { customerId: 'C1001', identityVerified: true, vipLevel: 'gold' },
    });
    expect(res.status).toBe(200);
    expect(await attributesOf(res.body.contactId)).toEqual({ vipLevel: 'gold' });
  });

  it('refuses a wrong signature with identity_invalid and changes nothing', async () => {
    const before = await contactCount();
    for (const signature of [sign(secret, 'C1002'), sign('another-secret', 'C1001'), '0'.repeat(64)]) {
      const res = await session({
        identity: { customerId: 'C1001', signature },
        attributes: { vipLevel: 'x' },
      });
      expect([res.status, res.body.error.code]).toEqual([400, 'identity_invalid']);
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
    expect(await contactCount()).toBe(before);

    // a returning visitor's contact is left as it was: attributes, name, language
    const visitor = await session({ locale: 'zh', name: '陈先生', attributes: { vipLevel: 'gold' } });
    const stored = await t.app.ctx.store.contacts.findById(visitor.body.contactId);
    const bad = await session({
      visitorToken: visitor.body.visitorToken,
      locale: 'en',
      name: 'Mallory',
      attributes: { vipLevel: 'platinum' },
      identity: { customerId: 'C1001', signature: sign(secret, 'C1002') },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'identity_invalid']);
    const after = await t.app.ctx.store.contacts.findById(visitor.body.contactId);
    expect([after?.attributes, after?.name, after?.lang]).toEqual([stored?.attributes, '陈先生', 'zh']);
    expect(await contactCount()).toBe(before + 1);
  });

  it('rejects malformed identities as validation_failed', async () => {
    for (const identity of [
      { customerId: 'C1001' },
      { customerId: 'C 1001', signature: sign(secret, 'C 1001') },
      { customerId: 'x'.repeat(65), signature: sign(secret, 'x'.repeat(65)) },
      { customerId: 'C1001', signature: 'zz'.repeat(32) },
      { customerId: 'C1001', signature: sign(secret, 'C1001').slice(2) },
    ]) {
      const res = await session({ identity });
      expect([res.status, res.body.error.code], JSON.stringify(identity)).toEqual([400, 'validation_failed']);
    }
  });

  it('resumes a verified contact only with a fresh signature of the same customer', async () => {
    const first = await session({
      identity: { customerId: 'C1001', signature: sign(secret, 'C1001') },
      attributes: { vipLevel: 'gold' },
    });
    const token = first.body.visitorToken;
    const back = await session({
      visitorToken: token,
      identity: { customerId: 'C1001', signature: sign(secret, 'C1001') },
      attributes: { customerId: 'C2002', vipLevel: 'silver' },
    });
    expect(back.body.contactId).toBe(first.body.contactId);
    expect(await attributesOf(first.body.contactId)).toEqual({
      customerId: 'C1001',
      identityVerified: true,
      vipLevel: 'silver',
    });
    // without a signature (signed out, shared browser, a rotated secret): a new anonymous contact
    const plain = await session({ visitorToken: token, attributes: { customerId: 'C1001' } });
    expect(plain.body.contactId).not.toBe(first.body.contactId);
    expect(plain.body.visitorToken).not.toBe(token);
    expect(plain.body.conversation).toBeNull();
    expect((await attributesOf(plain.body.contactId))?.customerId).toBeUndefined();
    expect((await attributesOf(first.body.contactId))?.customerId).toBe('C1001');

    // an anonymous visitor who signs in later becomes verified on the same contact
    const anonymous = await session({ attributes: { customerId: 'C1001' } });
    const signedIn = await session({
      visitorToken: anonymous.body.visitorToken,
      identity: { customerId: 'C1001', signature: sign(secret, 'C1001') },
    });
    expect(signedIn.body.contactId).toBe(anonymous.body.contactId);
    expect(await attributesOf(anonymous.body.contactId)).toEqual({
      customerId: 'C1001',
      identityVerified: true,
    });

    // another signed-in customer on the same browser gets a contact (and history) of their own
    const other = await session({
      visitorToken: token,
      identity: { customerId: 'C2002', signature: sign(secret, 'C2002') },
    });
    expect(other.status).toBe(200);
    expect(other.body.contactId).not.toBe(first.body.contactId);
    expect(other.body.visitorToken).not.toBe(token);
    expect((await attributesOf(other.body.contactId))?.customerId).toBe('C2002');
    expect((await attributesOf(first.body.contactId))?.customerId).toBe('C1001');
  });

  it('lets the flows see only a verified customerId (card bill asks a signed-in customer for the card)', async () => {
    const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    const agent = await connect(t, '/agent', { cookie });
    const ask = async (body: Record<string, unknown>) => {
      const s = await session({ locale: 'zh', ...body });
      const socket = await connect(t, '/widget', { token: s.body.visitorToken });
      const reply = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
      const row = waitFor<AgentConversation>(
        agent,
        'conversation:updated',
        (c) => c.contact.id === s.body.contactId,
      );
      const ack = await emit(socket, 'message:send', { clientId: clientId(), text: '查一下信用卡账单' });
      expect(ack.ok).toBe(true);
      return { reply: await reply, row: await row };
    };
    const verified = await ask({ identity: { customerId: 'C1001', signature: sign(secret, 'C1001') } });
    expect(verified.reply.text).toContain('后四位');
    // the console shows the verified id on the contact
    expect(verified.row.contact.attributes).toMatchObject({ customerId: 'C1001', identityVerified: true });
    const claimed = await ask({ attributes: { customerId: 'C1001' } });
    expect(claimed.reply.text).toContain('登录');
    expect(claimed.row.contact.attributes).not.toHaveProperty('customerId');
  });

  it('signs the demo customers on the demo business API, and no one else', async () => {
    const res = await api<{ customerId: string; signature: string }>(t.url, '/demo-api/identity/C1001');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customerId: 'C1001', signature: sign(secret, 'C1001') });
    expect((await api(t.url, '/demo-api/identity/C9999')).status).toBe(404);
    expect((await api(t.url, `/demo-api/identity/${'x'.repeat(80)}`)).status).toBe(404);
  });

  it('rotation: the new secret signs, the old signature stops working', async () => {
    const oldSignature = sign(secret, 'C1001');
    const rotated = await api<{ secret: string }>(t.url, '/api/admin/identity/rotate', {
      method: 'POST',
      cookie: admin,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.secret).not.toBe(secret);
    expect((await api<{ secret: string }>(t.url, '/api/admin/identity', { cookie: admin })).body.secret).toBe(
      rotated.body.secret,
    );
    const old = await session({ identity: { customerId: 'C1001', signature: oldSignature } });
    expect([old.status, old.body.error.code]).toEqual([400, 'identity_invalid']);
    const fresh = await session({
      identity: { customerId: 'C1001', signature: sign(rotated.body.secret, 'C1001') },
    });
    expect(fresh.status).toBe(200);
    // the demo shop signs with the new secret too
    const demo = await api<{ signature: string }>(t.url, '/demo-api/identity/C1001');
    expect(demo.body.signature).toBe(sign(rotated.body.secret, 'C1001'));
    secret = rotated.body.secret;
  });

  it('rate-limits rotation', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (await api(t.url, '/api/admin/identity/rotate', { method: 'POST', cookie: admin })).status,
      );
    }
    expect(statuses).toContain(429);
  });
});

/** The customer id a widget session request carried in its identity. */
const customerIdOf = (session: Record<string, unknown> | undefined) =>
  (session?.identity as { customerId?: string } | undefined)?.customerId;

/** The demo page stands for a shop whose backend signs its customer: the signed flows work in a browser. */
describe('the demo page signs its customer (browser)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens the demo shop, returns the page, the session request the widget sent, and its console warnings. */
  const openShop = async (tamper?: (signature: string) => string) => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    if (tamper) {
      await page.route('**/demo-api/identity/*', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { customerId: string; signature: string };
        await route.fulfill({ response, json: { ...body, signature: tamper(body.signature) } });
      });
    }
    const sessions: Array<Record<string, unknown>> = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/widget/session')) sessions.push(request.postDataJSON());
    });
    await page.goto(`${t.url}/demo/`);
    await page.locator('.launcher').click();
    return { page, sessions, warnings };
  };

  const say = async (page: Page, text: string, expected: string) => {
    const before = await page.locator('.list .msg-bot').count();
    await page.locator('.composer textarea').fill(text);
    await page.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(async () => (await page.locator('.list .msg-bot').allTextContents()).slice(before).join('\n'), {
        timeout: EVENT_TIMEOUT_MS,
      })
      .toContain(expected);
  };

  it('card bill and return flows run for the signed-in customer C1001', async () => {
    const { page, sessions } = await openShop();
    await expect.poll(() => sessions.length, { timeout: EVENT_TIMEOUT_MS }).toBeGreaterThan(0);
    // a customer of its own, sharing the sample customer's orders and card
    expect(customerIdOf(sessions[0])).toMatch(/^C1001\.v[0-9a-f]{8}$/);
    expect(sessions[0]?.attributes).not.toHaveProperty('customerId');
    const otp = await page.locator('#demo-otp').textContent();
    await say(page, '查一下信用卡账单', '后四位');
    await say(page, '6688', '验证码');
    await say(page, String(otp).trim(), '3280.5');
    await say(page, '我要退货', '订单号');
    await say(page, '202611230003', '原因');
    await say(page, '尺码不合适', '确认');
    await say(page, '确认', '工单号');
    await page.context().close();
  });

  it('gives every visitor of the demo a customer of their own, kept across visits', async () => {
    const first = await openShop();
    const second = await openShop();
    await expect
      .poll(() => first.sessions.length + second.sessions.length, { timeout: EVENT_TIMEOUT_MS })
      .toBeGreaterThan(1);
    const idOf = (s: Array<Record<string, unknown>>) => customerIdOf(s[0]);
    expect(idOf(first.sessions)).not.toBe(idOf(second.sessions));
    // the same visitor comes back as the same customer
    await first.page.reload();
    await expect.poll(() => first.sessions.length, { timeout: EVENT_TIMEOUT_MS }).toBeGreaterThan(1);
    expect(customerIdOf(first.sessions.at(-1))).toBe(idOf(first.sessions));
    await first.page.context().close();
    await second.page.context().close();
  });

  it('a tampered signature is refused: the widget warns and chats anonymously', async () => {
    const { page, sessions, warnings } = await openShop((signature) =>
      signature.startsWith('0') ? `1${signature.slice(1)}` : `0${signature.slice(1)}`,
    );
    await say(page, '查一下信用卡账单', '登录');
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions[0]).toHaveProperty('identity');
    expect(sessions.at(-1)).not.toHaveProperty('identity');
    expect(warnings.join('\n')).toContain('chatting anonymously');
    await page.context().close();
  });
});
