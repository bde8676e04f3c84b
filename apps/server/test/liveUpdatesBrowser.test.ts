import type { InboxActivity, MessageView } from '@tandem/protocol';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
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
  newCustomer,
  RETRAIN_TIMEOUT_MS,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

/**
 * The console kept live without whole rows per message: a customer's new message moves the inbox row
 * (`inbox:activity`), and a knowledge change shows its way into the bot (`bot:status`) until it is live.
 * Screenshots in both languages go to test-artifacts/.
 */
describe('live updates in the console', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function staffPage(email: string, viewport = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ locale: 'en-US', viewport });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('tandem-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.locator('.topbar'));
    return page;
  }

  async function say(socket: Socket, text: string) {
    const ack = await emit<{ message: MessageView }>(socket, 'message:send', { clientId: clientId(), text });
    expect(ack.ok).toBe(true);
  }

  it(
    "moves the inbox row's preview live when the customer writes (inbox:activity, no whole row)",
    async () => {
      const page = await staffPage('agent1@tandem.demo');
      await visible(page.getByRole('tab', { name: /Queued/ }));
      // an agent socket beside the browser, to see which events carried the message
      const staff = await connect(t, '/agent', { cookie: await loginCookie(t.url, 'agent1@tandem.demo') });
      const rows: Array<{ lastMessage: { text: string } | null }> = [];
      staff.on('conversation:updated', (row) => rows.push(row));

      const customer = await newCustomer(t, 'en');
      await say(customer.socket, 'Hello, I have a question about my parcel');
      const handed = await emit(customer.socket, 'handoff:request', { lang: 'en' });
      expect(handed.ok).toBe(true);
      await page.getByRole('tab', { name: /Queued/ }).click();
      // the anonymous customer's row, by the "Visitor #1a2b" name the console gives it
      const row = page.locator('.row', { hasText: `#${customer.contactId.replace(/-/g, '').slice(0, 4)}` });
      await visible(row);
      const before = await row.locator('.row-preview').textContent();
      expect(before).not.toContain('20250301-7788');
      await shot(page, 'live-inbox-before-en');

      // queued: the bot is quiet, so the customer's words are the row's last message
      const text = 'My order number is 20250301-7788, it has not moved for a week';
      const activity = waitFor<{ items: InboxActivity[] }>(staff, 'inbox:activity', (payload) =>
        payload.items.some((item) => item.lastMessage.text === text),
      );
      await say(customer.socket, text);
      const delta = await activity;
      expect(delta.items.find((item) => item.lastMessage.text === text)?.status).toBe('queued');
      await expect
        .poll(() => row.locator('.row-preview').textContent(), { timeout: EVENT_TIMEOUT_MS })
        .toBe(text);
      // the message came as a delta only: no whole row carried it
      expect(rows.filter((r) => r.lastMessage?.text === text)).toEqual([]);
      await shot(page, 'live-inbox-after-en');

      await page.getByRole('button', { name: '中文' }).click();
      await visible(page.getByRole('tab', { name: /排队中/ }));
      await say(customer.socket, '请问什么时候能到？');
      await expect
        .poll(() => row.locator('.row-preview').textContent(), { timeout: EVENT_TIMEOUT_MS })
        .toBe('请问什么时候能到？');
      await shot(page, 'live-inbox-zh');
      await page.context().close();
    },
    4 * EVENT_TIMEOUT_MS,
  );

  /** The notice above the Knowledge page. */
  const notice = (page: Page) => page.locator('.admin-notice');

  async function newEntry(
    page: Page,
    id: string,
    en: { q: string; a: string },
    zh: { q: string; a: string },
  ) {
    await page.getByRole('button', { name: /New entry|新建条目/ }).click();
    await page.getByLabel(/^(Entry ID|条目 ID)$/).fill(id);
    await page
      .locator('.admin-editor')
      .getByLabel(/^Category$|^分类$/)
      .fill('orders');
    await page.getByLabel(/Chinese phrasing 1|中文问法 1/).fill(zh.q);
    await page.getByLabel(/English phrasing 1|英文问法 1/).fill(en.q);
    await page.getByLabel(/Chinese answer|中文答案/).fill(zh.a);
    await page.getByLabel(/English answer|英文答案/).fill(en.a);
    await page.getByRole('button', { name: /^(Save|保存)$/ }).click();
    // the save's answer has come back (the list shows the entry): the notice now speaks of this save
    await visible(page.locator('.admin-row', { hasText: id }));
  }

  /** Waits for the notice to say the change is live (after retraining, which takes seconds). */
  const live = (page: Page, text: string) =>
    page.getByText(text).waitFor({ state: 'visible', timeout: RETRAIN_TIMEOUT_MS });

  /** A new customer asks once (no polling): the bot must already know the answer. */
  async function askOnce(question: string, lang: 'en' | 'zh'): Promise<string> {
    const customer = await newCustomer(t, lang);
    const reply = waitFor<MessageView>(
      customer.socket,
      'message:new',
      (m) => m.author.kind === 'bot',
      EVENT_TIMEOUT_MS,
    );
    await say(customer.socket, question);
    return (await reply).text;
  }

  it(
    'shows a saved knowledge entry being learnt, then live, in both languages',
    async () => {
      const page = await staffPage('admin@tandem.demo');
      await page.getByRole('link', { name: 'Knowledge' }).click();
      await expect.poll(() => page.locator('.admin-row').count(), { timeout: 10_000 }).toBeGreaterThan(20);

      await newEntry(
        page,
        'gifts.engraving',
        {
          q: 'can you engrave a name on my water bottle',
          a: 'Yes! We offer free laser engraving of up to 12 characters: add it at checkout.',
        },
        { q: '可以在保温杯上刻字吗', a: '可以！我们提供免费激光刻字，最多 12 个字符，下单时添加即可。' },
      );
      // the new entry answers within moments of the save (an interim index serves it while the classifier
      // retrains), so "learning it…" may show only for an instant: the test waits for "live"
      await live(page, 'Live: the bot answers it now');
      expect(await notice(page).getAttribute('class')).toContain('is-info');
      expect(await notice(page).count()).toBe(1);
      await shot(page, 'live-knowledge-live-en');
      // "live" means live: the very first customer to ask gets the new answer
      expect(await askOnce('Can you engrave a name on my water bottle?', 'en')).toContain(
        'free laser engraving',
      );

      // Chinese: the same notice follows the language, then a second change goes through in Chinese
      await page.getByRole('button', { name: '中文' }).click();
      await visible(page.getByText('已生效：机器人现在就能回答'));
      await shot(page, 'live-knowledge-live-zh');
      await newEntry(
        page,
        'gifts.card',
        { q: 'can i add a greeting card', a: 'Yes, a handwritten greeting card costs 5 yuan.' },
        { q: '可以加一张贺卡吗', a: '可以，手写贺卡每张 5 元，下单时在备注里写上祝福语即可。' },
      );
      await live(page, '已生效：机器人现在就能回答');
      expect(await askOnce('可以加一张贺卡吗', 'zh')).toContain('手写贺卡');

      // on a phone the notice wraps above the editor without covering it
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'live-knowledge-live-zh-phone');
      const box = await notice(page).boundingBox();
      const editor = await page.locator('.admin-editor').boundingBox();
      expect(box && editor && box.y + box.height <= editor.y + 1).toBe(true);

      // a deletion is followed the same way
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
      await live(page, 'Live: the bot no longer uses "gifts.card"');
      await page.context().close();
    },
    2 * RETRAIN_TIMEOUT_MS + 4 * EVENT_TIMEOUT_MS,
  );

  it(
    'resends a message the busy bot turned away by itself, saying politely that it is busy',
    async () => {
      const context = await browser.newContext({
        locale: 'zh-CN',
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      const page = await context.newPage();
      await page.goto(`${t.url}/demo/`);
      await page.locator('.launcher').click();
      await visible(page.locator('.composer textarea'));

      // the bot's backlog is full: every message to it is refused as `busy`, nothing stored
      const turns = t.app.ctx.botTurns;
      const accepting = turns.accepting;
      let refused = 0;
      turns.accepting = () => {
        refused += 1;
        return false;
      };
      try {
        await page.locator('.composer textarea').fill('怎么开发票');
        await page.getByRole('button', { name: '发送' }).click();
        const waiting = page.locator('.list .msg-sending');
        await visible(waiting.getByText('客服助手有点忙，稍等片刻…'));
        await shot(page, 'live-widget-busy-zh');
        // sent again by itself (no retry button), still refused
        await expect.poll(() => refused, { timeout: EVENT_TIMEOUT_MS }).toBeGreaterThan(1);
        expect(await page.locator('.list .retry').count()).toBe(0);
        await page.getByRole('button', { name: 'English' }).click();
        await visible(waiting.getByText("We're a bit busy — one moment…"));
        await shot(page, 'live-widget-busy-en');
        await page.getByRole('button', { name: '中文' }).click();
      } finally {
        turns.accepting = accepting;
      }
      // room again: the next automatic try is stored once and answered, with no tap from the customer
      await expect
        .poll(() => page.locator('.list .msg-bot').count(), { timeout: EVENT_TIMEOUT_MS })
        .toBeGreaterThan(0);
      expect(await page.locator('.list .msg-bot').last().textContent()).toMatch(/发票/);
      expect(await page.locator('.list .msg-out .bubble').allTextContents()).toEqual(['怎么开发票']);
      expect(await page.locator('.list .msg-sending, .list .msg-failed').count()).toBe(0);
      await shot(page, 'live-widget-busy-then-answered-zh');
      await context.close();
    },
    4 * EVENT_TIMEOUT_MS,
  );

  it(
    'sends what was written while offline as soon as the connection is back, and catches up',
    async () => {
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // the widget's connection through a switch: "offline" drops its WebSocket and refuses new connections
      let offline = false;
      const open: WebSocketRoute[] = [];
      await page.routeWebSocket(/\/socket\.io\//, (ws) => {
        if (offline) return void ws.close();
        ws.connectToServer();
        open.push(ws);
      });
      await page.route(/\/socket\.io\//, (route) => (offline ? route.abort() : route.continue()));
      const sessions: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/widget/session')) sessions.push(request.url());
      });
      await page.goto(`${t.url}/demo/`);
      await page.locator('.launcher').click();
      await page.locator('.composer textarea').fill('how long does a refund take?');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => page.locator('.list .msg-bot').count(), { timeout: EVENT_TIMEOUT_MS })
        .toBeGreaterThan(0);
      await page.locator('button.handoff').click();
      await visible(page.locator('.status', { hasText: 'Connecting you to a person' }));

      // the connection drops; the customer writes meanwhile: the message waits as "Sending…"
      offline = true;
      for (const ws of open.splice(0)) await ws.close();
      await visible(page.locator('.status', { hasText: 'Connection lost' }));
      await page.locator('.composer textarea').fill('are you still there?');
      await page.getByRole('button', { name: 'Send' }).click();
      await visible(page.locator('.list .msg-sending', { hasText: 'Sending…' }));
      await shot(page, 'live-widget-offline-en');

      // meanwhile an agent takes the conversation and answers: the widget cannot hear it
      const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
      const queue = await api<{ conversations: Array<{ id: string; queuedAt: string }> }>(
        t.url,
        '/api/conversations?view=queued',
        { cookie },
      );
      // the one that just joined the queue
      const newest = queue.body.conversations.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt))[0];
      const id = newest?.id ?? 'none';
      expect((await api(t.url, `/api/conversations/${id}/accept`, { cookie, body: {} })).status).toBe(200);
      const reply = 'Hello, this is Wang. Your refund left our account this morning.';
      const sent = await api(t.url, `/api/conversations/${id}/messages`, {
        cookie,
        body: { clientId: clientId(), text: reply },
      });
      expect(sent.status).toBe(201);
      const sessionsBefore = sessions.length;

      // back online: the waiting message is sent (same clientId, stored once), the missed reply caught up
      offline = false;
      await visible(page.locator('.list .msg-agent', { hasText: reply }));
      await visible(page.locator('.status', { hasText: 'is helping you' }));
      await expect
        .poll(() => page.locator('.list .msg-sending, .list .msg-failed').count(), {
          timeout: EVENT_TIMEOUT_MS,
        })
        .toBe(0);
      expect(await page.locator('.list .msg-out .bubble').allTextContents()).toEqual([
        'how long does a refund take?',
        'are you still there?',
      ]);
      // caught up over the socket (`sync`), not by fetching the whole session again
      expect(sessions.length).toBe(sessionsBefore);
      const transcript = await api<{ messages: Array<{ text: string }> }>(t.url, `/api/conversations/${id}`, {
        cookie,
      });
      expect(transcript.body.messages.filter((m) => m.text === 'are you still there?')).toHaveLength(1);
      await shot(page, 'live-widget-reconnected-en');
      await context.close();
    },
    4 * EVENT_TIMEOUT_MS,
  );
});
