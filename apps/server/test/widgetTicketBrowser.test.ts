import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TicketView } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, visible } from './browserHarness.ts';
import { api, EVENT_TIMEOUT_MS, loginCookie, startTestApp, type TestApp } from './harness.ts';

/** Screenshots of this file, to look at: in a temporary folder (printed once). */
const SHOTS = join(tmpdir(), 'tandem-widget-ticket');

/** What the customer reads and writes, in each language. */
const words = {
  zh: {
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    handoff: '转人工',
    noAgents: '暂无客服在线，您可以稍候或留言',
    nobody: '暂无客服在线',
    leave: '留言',
    hint: '邮箱和电话至少填一项，以便回复您',
    name: '称呼（选填）',
    email: '邮箱',
    phone: '电话',
    message: '留言内容',
    send: '发送',
    cancel: '取消',
    contact: '请填写邮箱或电话',
    badEmail: '邮箱格式不对，例如 name@example.com',
    text: '我的订单 A1024 还没有发货，麻烦帮我查一下，谢谢！',
    created: '留言已收到，客服会在这里回复您（留了邮箱的也会发邮件）',
    closed: '本次对话已关闭，您可以继续提问',
    reply: '您好，订单 A1024 已于今天下午发出，快递单号 SF1234567890。',
  },
  en: {
    locale: 'en-GB',
    viewport: { width: 360, height: 740 },
    handoff: 'Talk to a person',
    noAgents: 'Nobody is available right now. You can wait or leave a message',
    nobody: 'Nobody is available right now',
    leave: 'Leave a message',
    hint: 'Give an e-mail or a phone number (or both) so we can reply',
    name: 'Name (optional)',
    email: 'E-mail',
    phone: 'Phone',
    message: 'Message',
    send: 'Send',
    cancel: 'Cancel',
    contact: 'Please give an e-mail or a phone number',
    badEmail: 'Not an e-mail address like name@example.com',
    text: 'My order A1024 has not shipped yet <b>still waiting</b>. Could you check, please?',
    created: "Message received. We'll reply here (and by e-mail, if you left one)",
    closed: 'This chat is closed; you can still ask more',
    reply: 'Hello! Order A1024 left our warehouse this afternoon: tracking number SF1234567890.',
  },
} as const;

/**
 * Leaving a message when nobody can take the customer, in a real browser on a phone-size screen: asking for a
 * person with nobody online (a notice and the queue line offer to leave a message), the form (sent without an
 * e-mail or phone: told so; a half-typed e-mail: told at once), the message left (the form goes, a notice
 * says so, the conversation closes), then a staff member answering the ticket (the reply shows in the
 * widget at once, and again after a reload). In Chinese and in English.
 */
describe('the widget: leaving a message when nobody is online', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    console.log(`widget ticket screenshots: ${SHOTS}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  /** Waits for the chat window's opening animation to end (a screenshot in between is half transparent). */
  const settled = (page: Page) =>
    page
      .locator('.window')
      .evaluate((node) => Promise.all(node.getAnimations().map((animation) => animation.finished)));

  for (const lang of ['zh', 'en'] as const) {
    it(
      `offers leaving a message, checks the form, and shows the staff's reply (${lang})`,
      async () => {
        const w = words[lang];
        const context = await browser.newContext({
          locale: w.locale,
          viewport: w.viewport,
          isMobile: true,
          hasTouch: true,
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        // an anonymous visitor (the demo shop would sign in its customer C1001): a fresh customer per language
        await page.route('**/demo-api/identity/**', (route) => route.fulfill({ status: 404, body: '{}' }));
        await page.goto(`${t.url}/demo/`);
        await page.locator('.launcher').click();
        await settled(page);

        // nobody is online: the customer asks for a person; a notice and the queue line offer to leave a message
        await page.getByRole('button', { name: w.handoff }).click();
        const notice = page.locator('.list .notice', { hasText: w.noAgents });
        await visible(notice);
        const noticeLeave = notice.getByRole('button', { name: w.leave, exact: true });
        await visible(noticeLeave);
        const queueBar = page.locator('.qbar');
        await visible(queueBar.getByText(w.nobody, { exact: true }));
        await visible(queueBar.getByRole('button', { name: w.leave, exact: true }));
        await shot(page, `ticket-01-no-agents-${lang}`);

        // the form, inside the conversation, its top in view; the offers step aside while it is open
        await noticeLeave.click();
        const form = page.getByRole('form', { name: w.leave });
        await visible(form);
        const top = async (selector: string) =>
          page.locator(selector).evaluate((node) => Math.round(node.getBoundingClientRect().top));
        expect(await top('.ticket')).toBeGreaterThanOrEqual(await top('.log'));
        expect(await noticeLeave.count()).toBe(0);
        expect(await queueBar.getByRole('button').isHidden()).toBe(true);
        await visible(form.getByText(w.hint, { exact: true }));
        const name = form.getByLabel(w.name);
        const email = form.getByLabel(w.email, { exact: true });
        const phone = form.getByLabel(w.phone, { exact: true });
        const message = form.getByLabel(w.message, { exact: true });
        expect(await message.inputValue()).toBe('');
        expect(await email.getAttribute('type')).toBe('email');
        expect(await phone.getAttribute('type')).toBe('tel');
        // the cursor is in the first field
        expect(await name.evaluate((node) => node === (node.getRootNode() as ShadowRoot).activeElement)).toBe(
          true,
        );
        await shot(page, `ticket-02-form-${lang}`);

        // sent without an e-mail or a phone: said so, both marked, the cursor in the e-mail field
        await message.fill(w.text);
        await form.getByRole('button', { name: w.send, exact: true }).click();
        await visible(form.getByText(w.contact, { exact: true }));
        expect(await email.getAttribute('aria-invalid')).toBe('true');
        expect(await phone.getAttribute('aria-invalid')).toBe('true');
        expect(await message.getAttribute('aria-invalid')).toBe('false');
        expect(
          await email.evaluate((node) => node === (node.getRootNode() as ShadowRoot).activeElement),
        ).toBe(true);
        await shot(page, `ticket-03-no-contact-${lang}`);

        // checked again as they type: a half-typed address is said at once, a whole one clears it
        await email.pressSequentially('amy@example');
        await visible(form.getByText(w.badEmail, { exact: true }));
        expect(await phone.getAttribute('aria-invalid')).toBe('false');
        await shot(page, `ticket-04-bad-email-${lang}`);
        await email.pressSequentially('.com');
        await form
          .getByText(w.badEmail, { exact: true })
          .waitFor({ state: 'hidden', timeout: EVENT_TIMEOUT_MS });
        expect(await email.getAttribute('aria-invalid')).toBe('false');

        // sent: the button is disabled while sending, then the form goes and a notice says the message was left
        const submit = form.getByRole('button', { name: w.send, exact: true });
        // (a handle: the button is out of the accessibility tree once the form is hidden)
        const submitNode = await submit.elementHandle();
        await submit.evaluate((node) => {
          const button = node as HTMLButtonElement & { wasDisabled?: boolean };
          new MutationObserver(() => {
            if (button.disabled) button.wasDisabled = true;
          }).observe(button, { attributes: true, attributeFilter: ['disabled'] });
        });
        await submit.click();
        await visible(page.locator('.list .notice', { hasText: w.created }));
        await form.waitFor({ state: 'hidden', timeout: EVENT_TIMEOUT_MS });
        expect(
          await submitNode?.evaluate(
            (node) => (node as HTMLButtonElement & { wasDisabled?: boolean }).wasDisabled,
          ),
        ).toBe(true);
        // their message is in the conversation as theirs (as text, never markup), which is now closed
        await visible(page.locator('.list .msg-out .bubble', { hasText: w.text }));
        expect(await page.locator('.list b').count()).toBe(0);
        await visible(page.getByText(w.closed, { exact: true }));
        await queueBar.waitFor({ state: 'hidden', timeout: EVENT_TIMEOUT_MS });
        // no rating is asked for a message left, and nothing offers leaving another one
        expect(await page.locator('.log .csat').isHidden()).toBe(true);
        expect(await page.getByRole('button', { name: w.leave, exact: true }).count()).toBe(0);
        await shot(page, `ticket-05-left-${lang}`);

        // staff find the ticket and answer it
        const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
        const list = await api<{ tickets: TicketView[] }>(t.url, '/api/tickets', { cookie });
        expect(list.status).toBe(200);
        const ticket = list.body.tickets.find((entry) => entry.message === w.text);
        expect(ticket).toMatchObject({ email: 'amy@example.com', phone: null, lang, status: 'open' });
        const replied = await api<{ ticket: TicketView }>(t.url, `/api/tickets/${ticket?.id}/replies`, {
          cookie,
          body: { text: w.reply },
        });
        expect(replied.status).toBe(201);

        // the reply shows in the widget, in the closed conversation
        const reply = page.locator('.list .msg-agent .bubble', { hasText: w.reply });
        await visible(reply);
        await shot(page, `ticket-06-reply-${lang}`);

        // and is there when the customer comes back
        await page.reload();
        await page.locator('.launcher').click();
        await visible(reply);
        await visible(page.locator('.list .notice', { hasText: w.created }));
        await settled(page);
        await shot(page, `ticket-07-back-${lang}`);
        expect(errors).toEqual([]);
        await context.close();
      },
      8 * EVENT_TIMEOUT_MS,
    );
  }
});
