import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageView, TicketView } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, visible } from './browserHarness.ts';
import {
  clientId,
  EVENT_TIMEOUT_MS,
  emit,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

/**
 * Tickets in the console: a customer who finds nobody online leaves a message; an agent opens the Tickets
 * page, reads it, answers it (the answer reaches the customer's widget) and marks it solved. Screenshots in
 * both languages go to a temporary directory (printed).
 */
describe('tickets in the console', () => {
  let t: TestApp;
  let browser: Browser;
  const shots = mkdtempSync(join(tmpdir(), 'tandem-tickets-'));

  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchBrowser();
    console.log(`ticket screenshots in ${shots}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

  /** A customer who asks for a person with nobody online, then leaves a message. */
  async function leaveMessage(message: string, email = 'zhang@example.com') {
    const customer = await newCustomer(t, 'zh');
    const handed = await emit(customer.socket, 'handoff:request', {});
    expect(handed.ok).toBe(true);
    const left = await emit<{ ticket: { id: string } }>(customer.socket, 'ticket:create', { email, message });
    expect(left.ok).toBe(true);
    return customer;
  }

  it(
    'shows a left message live, and the agent answers it and marks it solved',
    async () => {
      const zhang = await leaveMessage('我想开发票\n订单号 202412150001，抬头：上海某某公司');

      const customer: Socket = zhang.socket;
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${t.url}/console/`);
      await page.getByLabel('邮箱').fill('agent1@tandem.demo');
      await page.getByLabel('密码').fill('tandem-demo');
      await page.getByRole('button', { name: '登录' }).click();
      await visible(page.locator('.topbar'));

      // the navigation counts open tickets
      const nav = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /留言/ });
      await visible(nav.locator('.nav-badge', { hasText: '1' }));
      await nav.click();
      await visible(page.getByRole('tab', { name: '待处理', selected: true }));
      const row = page.locator('.ticket-row', { hasText: 'zhang@example.com' });
      await visible(row);
      expect(await row.locator('.ticket-row-preview').textContent()).toBe('我想开发票');
      expect(await row.textContent()).toContain('0 条回复');

      // a second message arrives while the page is open (the agent is away, so nobody can take it)
      await page.getByRole('button', { name: '离开' }).click();
      await visible(page.getByRole('button', { name: '离开', pressed: true }));
      await leaveMessage('快递什么时候到？', 'li@example.com');
      await visible(page.locator('.ticket-row', { hasText: 'li@example.com' }));
      await visible(nav.locator('.nav-badge', { hasText: '2' }));

      // the whole message, the contact details and a reply with "also by e-mail"
      await row.click();
      const detail = page.locator('.ticket-detail');
      await visible(detail.getByText('订单号 202412150001', { exact: false }));
      await visible(detail.locator('.ticket-contact').getByText('zhang@example.com', { exact: true }));
      await visible(detail.getByText('还没有回复'));
      const alsoEmail = detail.getByLabel('同时发送邮件');
      expect(await alsoEmail.isChecked()).toBe(true);
      await shot(page, 'tickets-open-zh');

      const inWidget = waitFor<MessageView>(customer, 'message:new', (m) => m.author.kind === 'agent');
      await detail.getByLabel('回复客户').fill('您好，发票已开具，请查收邮箱。');
      await detail.getByRole('button', { name: '发送回复' }).click();
      const reply = detail.locator('.ticket-reply', { hasText: '发票已开具' });
      await visible(reply);
      expect((await inWidget).text).toContain('发票已开具');
      // no SMTP in tests: the e-mail state is one of the four, translated
      expect(await reply.locator('.ticket-email').textContent()).toMatch(
        /^(已发邮件|邮件待发送|邮件发送失败|未发邮件)$/,
      );
      // answered, it waits for the customer: it leaves the open tab (stays shown) and the badge goes down
      await visible(detail.locator('.ticket-status', { hasText: '等待中' }));
      await row.waitFor({ state: 'detached', timeout: EVENT_TIMEOUT_MS });
      await visible(nav.locator('.nav-badge', { hasText: '1' }));
      await page.getByRole('tab', { name: '等待中' }).click();
      await visible(row.getByText('1 条回复'));
      await shot(page, 'tickets-answered-zh');

      // solved: it leaves the pending tab and stays shown, ready to reopen
      await detail.getByRole('button', { name: '标记为已解决' }).click();
      await visible(detail.getByRole('button', { name: '重新打开' }));
      await row.waitFor({ state: 'detached', timeout: EVENT_TIMEOUT_MS });
      await shot(page, 'tickets-solved-zh');

      // in English, on the solved tab
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('tab', { name: 'Solved' }).click();
      await visible(page.locator('.ticket-row', { hasText: 'zhang@example.com' }));
      await visible(detail.getByRole('button', { name: 'Reopen' }));
      await visible(detail.getByText(/^(e-mailed|e-mail pending|e-mail failed|not e-mailed)$/));
      await shot(page, 'tickets-solved-en');

      // the same customer comes back and asks for a person: the handoff summary shows the ticket they left
      await page.getByRole('button', { name: 'Online' }).click();
      await visible(page.getByRole('button', { name: 'Online', pressed: true }));
      const sent = await emit(customer, 'message:send', {
        clientId: clientId(),
        text: 'Any news about my invoice for order 202412150001?',
      });
      expect(sent.ok).toBe(true);
      expect((await emit(customer, 'handoff:request', { lang: 'en' })).ok).toBe(true);
      await page.getByRole('link', { name: 'Inbox' }).click();
      await page.getByRole('tab', { name: /Queued/ }).click();
      const shortId = `#${zhang.contactId.replace(/-/g, '').slice(0, 4)}`;
      await page.locator('.row', { hasText: shortId }).click();
      const panel = page.locator('.handoff-panel');
      await visible(panel.getByText('Handoff summary', { exact: true }));
      await visible(panel.getByText('Earlier tickets (1)'));
      await visible(panel.getByText('202412150001', { exact: false }).first());
      await shot(page, 'handoff-en');
      await page.getByRole('button', { name: '中文' }).click();
      await visible(panel.getByText('以往留言（1）'));
      await shot(page, 'handoff-zh');

      const list = await page.evaluate(async () => (await fetch('/api/tickets?status=solved')).json());
      expect((list as { tickets: TicketView[] }).tickets.map((x) => x.email)).toContain('zhang@example.com');
      customer.disconnect();
      await context.close();
    },
    4 * EVENT_TIMEOUT_MS,
  );
});
