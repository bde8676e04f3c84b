import { randomUUID } from 'node:crypto';
import type { AgentConversation, MessageView } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
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

/**
 * Conversation search in the console: an agent finds conversations by their text, by the customer and by a
 * tag within dates, sees the results with the words marked, and opens one in the workspace by clicking it.
 * Chinese and English, laptop and phone; screenshots in test-artifacts/.
 */
describe('conversation search in the console', () => {
  let t: TestApp;
  let browser: Browser;
  /** a word only this run's conversations contain */
  const run = randomUUID().slice(0, 6);
  const ids = { refund: '', invoice: '' };

  /** A named customer who asks the bot something; their conversation's id. */
  async function customerAsking(name: string, locale: 'zh' | 'en', email: string, text: string) {
    const session = await api<{ visitorToken: string }>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', locale, name, attributes: { email } },
    });
    const socket: Socket = await connect(t, '/widget', { token: session.body.visitorToken });
    const answered = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
    const sent = await emit<{ message: MessageView }>(socket, 'message:send', { clientId: clientId(), text });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    await answered;
    return { socket, id: sent.data.message.conversationId };
  }

  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchBrowser();
    const wang = await customerAsking(
      '王芳',
      'zh',
      `wang.${run}@example.com`,
      `我的退款还没到账，订单 TM${run}`,
    );
    ids.refund = wang.id;
    const bob = await customerAsking('Bob Smith', 'en', `bob.${run}@example.com`, 'How do I get an invoice?');
    ids.invoice = bob.id;
    // 王芳 is taken by Wang Xiaoming and resolved with a disposition tag
    const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    const agent = await connect(t, '/agent', { cookie });
    const offered = waitFor<{ conversation: AgentConversation }>(
      agent,
      'conversation:offered',
      (offer) => offer.conversation.id === ids.refund,
    );
    expect((await emit(wang.socket, 'handoff:request', {})).ok).toBe(true);
    await offered;
    const accepted = await api(t.url, `/api/conversations/${ids.refund}/accept`, { cookie, body: {} });
    expect(accepted.status).toBe(200);
    const resolved = await api(t.url, `/api/conversations/${ids.refund}/resolve`, {
      cookie,
      body: { disposition: [`refunded-${run}`] },
    });
    expect(resolved.status).toBe(200);
    agent.disconnect();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const words = {
    zh: {
      email: '邮箱',
      password: '密码',
      nav: '搜索',
      text: '内容',
      customer: '客户',
      tag: '标签',
      from: '从',
      to: '到',
      submit: '搜索',
      none: '没有找到符合条件的会话',
    },
    en: {
      email: 'Email',
      password: 'Password',
      nav: 'Search',
      text: 'Text',
      customer: 'Customer',
      tag: 'Tag',
      from: 'From',
      to: 'To',
      submit: 'Search',
      none: 'No conversation matches',
    },
  } as const;

  /** Fills a date picker by typing, as a person at a keyboard does. */
  async function pickDate(page: Page, label: string, day: string) {
    const input = page.getByRole('search').getByLabel(label, { exact: true });
    await input.click();
    await input.fill(day);
    await input.press('Enter');
    await expect.poll(() => input.inputValue(), { timeout: EVENT_TIMEOUT_MS }).toBe(day);
  }

  for (const lang of ['zh', 'en'] as const) {
    const w = words[lang];
    it(
      `finds conversations by text, customer and tag with dates, and opens one (${lang})`,
      async () => {
        const context = await browser.newContext({
          locale: lang === 'zh' ? 'zh-CN' : 'en-US',
          viewport: { width: 1366, height: 860 },
        });
        const page = await context.newPage();
        await page.goto(`${t.url}/console/`);
        await page.getByLabel(w.email).fill('agent1@tandem.demo');
        await page.getByLabel(w.password).fill('tandem-demo');
        await page.keyboard.press('Enter');
        await visible(page.locator('.topbar'));
        await page.getByRole('navigation').getByRole('link', { name: w.nav }).click();
        const form = page.getByRole('search');
        await visible(form);

        // ---- by text: the customer's words, the match marked ----
        const results = page.locator('.search-results');
        await form.getByLabel(w.text).fill(`TM${run}`);
        await form.getByRole('button', { name: w.submit }).click();
        const wang = results.locator('.search-row', { hasText: '王芳' });
        await visible(wang);
        expect(await results.locator('.search-row').count()).toBe(1);
        expect(await wang.locator('mark').textContent()).toBe(`TM${run}`);
        await shot(page, `search-text-${lang}`);

        // ---- by customer (Enter submits): Bob, whatever he wrote ----
        await form.getByLabel(w.text).fill('');
        await form.getByLabel(w.customer).fill(`bob.${run}`);
        await form.getByLabel(w.customer).press('Enter');
        const bob = results.locator('.search-row', { hasText: 'Bob Smith' });
        await visible(bob);
        await expect
          .poll(() => results.locator('.search-row').count(), { timeout: EVENT_TIMEOUT_MS })
          .toBe(1);

        // ---- by tag, within today: 王芳's resolved conversation; then a day with nothing ----
        await form.getByLabel(w.customer).fill('');
        await form.getByLabel(w.tag).fill(`refunded-${run}`);
        const today = new Date();
        const day = (date: Date) =>
          `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
        await pickDate(page, w.from, day(today));
        await pickDate(page, w.to, day(today));
        await form.getByRole('button', { name: w.submit }).click();
        await visible(wang);
        await expect
          .poll(() => results.locator('.search-row').count(), { timeout: EVENT_TIMEOUT_MS })
          .toBe(1);
        await visible(wang.getByText(lang === 'zh' ? '已解决' : 'Resolved'));
        await shot(page, `search-tag-${lang}`);
        const tomorrow = new Date(today.getTime() + 86_400_000);
        await pickDate(page, w.from, day(tomorrow));
        await pickDate(page, w.to, day(tomorrow));
        await form.getByRole('button', { name: w.submit }).click();
        await visible(results.getByText(w.none));

        // ---- a result opens the conversation in the workspace ----
        await pickDate(page, w.from, day(today));
        await pickDate(page, w.to, day(today));
        await form.getByRole('button', { name: w.submit }).click();
        await wang.click();
        await expect
          .poll(() => new URL(page.url()).pathname, { timeout: EVENT_TIMEOUT_MS })
          .toBe('/console/');
        const header = page.locator('.conversation-header');
        await visible(header.getByRole('heading', { name: '王芳' }));
        await visible(page.locator('.transcript').getByText(`TM${run}`, { exact: false }));
        await shot(page, `search-opened-${lang}`);

        // ---- on a phone: results as cards, one tap opens it ----
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByRole('navigation').getByRole('link', { name: w.nav }).click();
        await form.getByLabel(w.text).fill(`TM${run}`);
        await form.getByRole('button', { name: w.submit }).click();
        const card = page.locator('.search-list .search-row', { hasText: '王芳' });
        await visible(card);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, 'the phone page scrolls sideways').toBeLessThanOrEqual(1);
        await shot(page, `search-phone-${lang}`);
        await card.click();
        await visible(page.locator('.conversation-header').getByRole('heading', { name: '王芳' }));
        await context.close();
      },
      EVENT_TIMEOUT_MS * 8,
    );
  }
});
