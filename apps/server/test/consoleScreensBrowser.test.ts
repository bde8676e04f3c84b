import type { AgentConversation } from '@tandem/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../console/src/locales/zh.ts';
import { launchBrowser, openPage, shot, visible } from './browserHarness.ts';
import {
  api,
  clientId,
  connect,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

/**
 * Every main screen of the console, in Chinese and English: on a laptop (an admin: inbox with a conversation
 * open, search, tickets, the supervisor wall, knowledge, bot, each settings page) and the agent's screens on
 * a phone (inbox, the open conversation with its composer, contact panel and handoff packet, tickets,
 * search). Each shows no untranslated message key and no engine code; on a phone nothing scrolls sideways.
 * The screenshots go to test-artifacts/ for people to look at.
 */
/** Keys with a dot and a part of at least four letters: short ones ("lang.zh") could be ordinary text. */
const messageKeys = Object.keys(zh).filter((key) => /\.[a-z]{4,}/i.test(key));
/** What the engine calls things (besides knowledge entry ids and flow ids, read from the store). */
const engineCodes = ['flow:', 'high_anger', 'customer_request', 'repeated_miss'];

describe('the console’s screens', () => {
  let t: TestApp;
  let browser: Browser;
  /** the ids of the demo's knowledge entries and flows: staff read their names, never these */
  let codes: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchBrowser();
    const demo = await t.app.ctx.store.workspaces.findBySlug('demo');
    if (!demo) throw new Error('no demo workspace');
    const entries = await t.app.ctx.store.knowledge.list(demo.id);
    const flows = await t.app.ctx.store.definitions.listActive(demo.id, 'flow');
    codes = [...engineCodes, ...entries.map((entry) => entry.id), ...flows.map((flow) => flow.key)];
    // a message left while nobody was online: a ticket
    const left = await newCustomer(t, 'zh');
    expect((await emit(left.socket, 'handoff:request', {})).ok).toBe(true);
    const ticket = await emit(left.socket, 'ticket:create', {
      email: 'chen.xiaomei@example.com',
      message: '我想开一张公司抬头的增值税专用发票，订单号 202412150001，抬头：上海同行优选信息科技有限公司',
    });
    expect(ticket.ok).toBe(true);
    // and one with long words in both languages: the layout wraps them, never scrolls sideways
    const long = await newCustomer(t, 'en');
    expect((await emit(long.socket, 'handoff:request', {})).ok).toBe(true);
    const longTicket = await emit(long.socket, 'ticket:create', {
      name: 'Maximilian Alexander Wolfeschlegelsteinhausenbergerdorff-Konstantinopoulos',
      email: 'maximilian.wolfeschlegelsteinhausenbergerdorff@an-extremely-long-company-domain.example.com',
      message: `Order https://shop.example.com/orders/${'9'.repeat(60)}?ref=${'x'.repeat(80)} never arrived. 我的包裹一直没有送到，已经等了整整三个星期了，客服电话也打不通，请尽快帮我查一下物流到底卡在哪里。`,
    });
    expect(longTicket.ok).toBe(true);
    // a customer the return flow started with, then asking for a person: the packet names the flow, not its id
    const customer = await newCustomer(t, 'zh');
    const asked = waitFor(
      customer.socket,
      'message:new',
      (m: { author: { kind: string } }) => m.author.kind === 'bot',
    );
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '我要退货，发票怎么开？' });
    await asked;
    expect((await emit(customer.socket, 'handoff:request', {})).ok).toBe(true);
    // Wang Xiaoming, online, takes it: the phone screens show it as his
    const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    const agent = await connect(t, '/agent', { cookie });
    const offered = await waitFor<{ conversation: AgentConversation }>(agent, 'conversation:offered');
    const accepted = await api(t.url, `/api/conversations/${offered.conversation.id}/accept`, {
      cookie,
      body: {},
    });
    expect(accepted.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Waits for animations (drawers, tabs) to end, so a screenshot shows where things settle. */
  const settle = (page: Page) =>
    page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );

  /** Screenshot, then: no message key and no engine code in what the page shows. */
  async function look(page: Page, name: string, phone = false) {
    await settle(page);
    await shot(page, name);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(
      messageKeys.filter((key) => text.includes(key)),
      name,
    ).toEqual([]);
    // what the packet and the contact panel say about the bot's work: in words
    for (const part of ['.handoff-panel', '.details']) {
      const shown = (await page.locator(part).allTextContents()).join('\n');
      expect(
        codes.filter((code) => shown.includes(code)),
        `${name} ${part}`,
      ).toEqual([]);
    }
    if (phone) {
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(1);
    }
  }

  async function signIn(context: BrowserContext, lang: 'zh' | 'en', email: string) {
    const page = await context.newPage();
    await page.goto(`${t.url}/console/`);
    await page.getByLabel(lang === 'zh' ? '邮箱' : 'Email').fill(email);
    await page.getByLabel(lang === 'zh' ? '密码' : 'Password').fill('tandem-demo');
    await page.keyboard.press('Enter');
    await visible(page.locator('.topbar'));
    return page;
  }

  const words = {
    zh: {
      mine: /我的/,
      search: '搜索',
      text: '内容',
      details: '客户信息',
      back: /返回/,
      replyLabel: '回复客户',
      reply: '您好，发票已经为您重新开具，请查收邮箱。',
      send: '发送回复',
      network: '无法连接服务器，请检查网络',
      retry: '重试',
      open: '待处理',
      pending: '等待中',
    },
    en: {
      mine: /Mine/,
      search: 'Search',
      text: 'Text',
      details: 'Details',
      back: /Back/,
      replyLabel: 'Reply to the customer',
      reply: 'Hello, we have issued the invoice again: please check your e-mail.',
      send: 'Send reply',
      network: 'Cannot reach the server',
      retry: 'Retry',
      open: 'Open',
      pending: 'Pending',
    },
  } as const;

  const settings = ['canned', 'people', 'teams', 'widget'] as const;

  for (const lang of ['zh', 'en'] as const) {
    const w = words[lang];
    it(
      `shows every screen on a laptop in ${lang === 'zh' ? 'Chinese' : 'English'}`,
      async () => {
        const context = await browser.newContext({
          locale: lang === 'zh' ? 'zh-CN' : 'en-US',
          viewport: { width: 1366, height: 860 },
        });
        const page = await context.newPage();
        await page.goto(`${t.url}/console/`);
        await shot(page, `screen-login-${lang}`);
        await page.close();
        const admin = await signIn(context, lang, 'admin@tandem.demo');

        // the inbox with the conversation open: its handoff packet in words, never the engine's codes
        await admin.getByRole('tab', { name: /全部|All/ }).click();
        await admin.locator('.row').first().click();
        await visible(admin.locator('.handoff-panel .handoff-facts'));
        await look(admin, `screen-inbox-${lang}`);

        await openPage(admin, `/console/search`);
        await admin.getByRole('search').getByLabel(w.text).fill('发票');
        await admin.getByRole('search').getByRole('button', { name: w.search }).click();
        await visible(admin.locator('.search-row').first());
        await look(admin, `screen-search-${lang}`);

        // a list that cannot load says why and offers to try again; an empty tab says it is empty
        const ticketList = (url: URL) => url.pathname === '/api/tickets';
        await admin.route(ticketList, (route) => route.abort());
        await openPage(admin, `/console/tickets`);
        const retry = admin.locator('.ticket-list').getByRole('button', { name: w.retry });
        await visible(retry);
        await look(admin, `screen-tickets-error-${lang}`);
        await admin.unroute(ticketList);
        await retry.click();
        await admin.getByRole('tab', { name: w.pending }).click();
        await visible(admin.locator('.ticket-list .ant-empty'));
        await admin.getByRole('tab', { name: w.open }).click();
        await admin.locator('.ticket-row').first().click();
        await visible(admin.locator('.ticket-detail'));
        await look(admin, `screen-tickets-${lang}`);

        await openPage(admin, `/console/supervisor`);
        await visible(admin.locator('.wall-stats'));
        await look(admin, `screen-supervisor-${lang}`);

        await openPage(admin, `/console/knowledge`);
        await admin.locator('.admin-row').first().click();
        await visible(admin.locator('.admin-editor'));
        await look(admin, `screen-knowledge-${lang}`);

        await openPage(admin, `/console/bot`);
        await visible(admin.locator('.admin-page'));
        await look(admin, `screen-bot-${lang}`);

        for (const section of settings) {
          // the first section loaded by its address (a bookmark or a refresh), the others as the menu moves
          if (section === settings[0]) await admin.goto(`${t.url}/console/settings/${section}`);
          else await openPage(admin, `/console/settings/${section}`);
          await visible(
            section === 'widget' ? admin.locator('.widget-preview') : admin.locator('.ant-table-row').first(),
          );
          await look(admin, `screen-settings-${section}-${lang}`);
        }
        await context.close();
      },
      EVENT_TIMEOUT_MS * 20,
    );

    it(
      `shows the agent’s screens on a phone in ${lang === 'zh' ? 'Chinese' : 'English'}`,
      async () => {
        const context = await browser.newContext({
          locale: lang === 'zh' ? 'zh-CN' : 'en-US',
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
        });
        const page = await signIn(context, lang, 'agent1@tandem.demo');
        await page.getByRole('tab', { name: w.mine }).click();
        await visible(page.locator('.row').first());
        await look(page, `phone-inbox-${lang}`, true);

        // the conversation: header, packet, transcript and the composer, all on the screen's width
        await page.locator('.row').first().click();
        await visible(page.locator('.handoff-panel .handoff-facts'));
        await visible(page.locator('.composer textarea'));
        await look(page, `phone-conversation-${lang}`, true);
        const composer = await page.locator('.composer').boundingBox();
        expect(composer && composer.y + composer.height <= 844 + 1, 'the composer is on the screen').toBe(
          true,
        );
        await page.getByRole('button', { name: w.details, exact: true }).click();
        await visible(page.locator('.details'));
        await look(page, `phone-contact-${lang}`, true);
        await page.locator('.details').getByRole('button').first().click();

        // the phone loads its pages by their addresses (as a bookmark or a refresh would), the laptop moves
        await page.goto(`${t.url}/console/tickets`);
        await visible(page.locator('.ticket-row').first());
        await look(page, `phone-tickets-${lang}`, true);
        await page.locator('.ticket-row').first().click();
        await visible(page.locator('.ticket-detail'));
        await look(page, `phone-ticket-${lang}`, true);
        // a reply that cannot be sent says why, and what was typed stays
        const replies = (url: URL) => /^\/api\/tickets\/[^/]+\/replies$/.test(url.pathname);
        await page.route(replies, (route) => route.abort());
        const reply = page.locator('.ticket-detail').getByLabel(w.replyLabel);
        await reply.fill(w.reply);
        await page.locator('.ticket-detail').getByRole('button', { name: w.send }).click();
        await visible(page.locator('.ticket-detail').getByRole('alert').getByText(w.network));
        expect(await reply.inputValue()).toBe(w.reply);
        await look(page, `phone-ticket-failed-${lang}`, true);
        await page.unroute(replies);
        await page.locator('.ticket-detail').getByRole('button', { name: w.back }).click();
        await visible(page.locator('.ticket-row').first());

        await page.goto(`${t.url}/console/search`);
        await page.getByRole('search').getByLabel(w.text).fill('退货');
        await page.getByRole('search').getByRole('button', { name: w.search }).click();
        await visible(page.locator('.search-row').first());
        await look(page, `phone-search-${lang}`, true);
        await context.close();
      },
      EVENT_TIMEOUT_MS * 10,
    );
  }
});
