import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentConversation } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, visible } from './browserHarness.ts';
import {
  api,
  connect,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

/** Screenshots of this file, to look at: in a temporary folder (printed once). */
const SHOTS = join(tmpdir(), 'tandem-widget-queue');

/** What the customer reads, in each language. */
const words = {
  zh: {
    locale: 'zh-CN',
    handoff: '转人工',
    nobody: '暂无客服在线',
    // (the estimate follows the handle times so far: none yet in the first test)
    next: /^下一位就是您，预计等待(约 \d+ 分钟|不到 1 分钟)$/,
    joined: (name: string) => `客服 ${name} 已加入对话`,
    resolved: '本次服务已结束，感谢您的耐心',
    ask: '您对本次服务满意吗？',
    star4: '4 星',
    comment: '其他意见或建议（选填）',
    send: '提交评价',
    thanks: '感谢您的评价！',
    text: '王小明很耐心，问题解决了，谢谢！',
  },
  en: {
    locale: 'en-GB',
    handoff: 'Talk to a person',
    nobody: 'Nobody is available right now',
    next: /^You're next, (about (a|\d+) minutes?|less than a minute)$/,
    joined: (name: string) => `${name} has joined the chat`,
    resolved: 'This chat has been resolved. Thank you for your patience',
    ask: 'How was your chat with us?',
    star4: '4 of 5 stars',
    comment: 'Anything else to tell us? (optional)',
    send: 'Send rating',
    thanks: 'Thank you for your feedback!',
    text: 'Li Na sorted it out quickly, thanks!',
  },
} as const;

/**
 * The customer's wait for a person and their rating afterwards, in a real browser: asking for a person
 * while nobody is online (the queue line says so), an agent coming online (place and estimate), being
 * taken (a notice), the conversation resolved (the rating prompt), rated with 4 stars and a comment (a
 * thank-you; the rating stored). Once in Chinese on a phone, once in English on a desktop.
 */
describe('the widget while waiting for a person, and the rating afterwards', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    console.log(`widget queue screenshots: ${SHOTS}`);
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

  for (const [lang, agentEmail, agentName, phone] of [
    ['zh', 'agent1@tandem.demo', '王小明', true],
    ['en', 'agent2@tandem.demo', 'Li Na 李娜', false],
  ] as const) {
    it(
      `shows the queue, then asks for a rating and thanks for it (${lang})`,
      async () => {
        const w = words[lang];
        const context = await browser.newContext({
          locale: w.locale,
          viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
          isMobile: phone,
          hasTouch: phone,
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        // an anonymous visitor (the demo shop would sign in its customer C1001): a fresh customer per language
        await page.route('**/demo-api/identity/**', (route) => route.fulfill({ status: 404, body: '{}' }));
        await page.goto(`${t.url}/demo/`);
        await page.locator('.launcher').click();
        const queueLine = page.locator('.queue');

        // nobody is online: the customer asks for a person and is told so (with a way to leave a message)
        await page.getByRole('button', { name: w.handoff }).click();
        await visible(queueLine.getByText(w.nobody, { exact: true }));
        expect(await queueLine.getAttribute('role')).toBe('status');
        await shot(page, `queue-01-nobody-${lang}`);

        // an agent comes online: the conversation is offered to them, and the customer sees they are next
        const agent = await connect(t, '/agent', { cookie: await loginCookie(t.url, agentEmail) });
        const offered = await waitFor<{ conversation: AgentConversation }>(agent, 'conversation:offered');
        const conversationId = offered.conversation.id;
        await visible(queueLine.getByText(w.next));
        await shot(page, `queue-02-next-${lang}`);

        // taken: a notice with the agent's name, and the queue line goes away
        const accepted = await emit<{ conversation: AgentConversation }>(agent, 'conversation:accept', {
          conversationId,
        });
        expect(accepted.ok).toBe(true);
        await visible(page.locator('.list .notice', { hasText: w.joined(agentName) }));
        await queueLine.waitFor({ state: 'hidden', timeout: EVENT_TIMEOUT_MS });
        await shot(page, `queue-03-joined-${lang}`);

        // resolved: the rating prompt, inside the conversation
        expect((await emit(agent, 'conversation:resolve', { conversationId })).ok).toBe(true);
        await visible(page.locator('.list .notice', { hasText: w.resolved }));
        const prompt = page.locator('.log .csat');
        await visible(prompt.getByText(w.ask));
        const stars = prompt.getByRole('group', { name: w.ask }).getByRole('button');
        expect(await stars.count()).toBe(5);
        const send = prompt.getByRole('button', { name: w.send });
        expect(await send.isDisabled()).toBe(true);
        await shot(page, `queue-04-rating-${lang}`);

        // 4 stars and a comment (markup stays text)
        await prompt.getByRole('button', { name: w.star4, exact: true }).click();
        expect(await prompt.locator('[aria-pressed="true"]').count()).toBe(1);
        expect(await prompt.locator('[data-on="true"]').count()).toBe(4);
        const comment = `${w.text} <b>ok</b>`;
        await prompt.getByLabel(w.comment).fill(comment);
        await shot(page, `queue-05-rating-chosen-${lang}`);
        await send.click();
        await visible(prompt.getByText(w.thanks, { exact: true }));
        expect(await prompt.getByRole('button').filter({ visible: true }).count()).toBe(0);
        expect(await page.locator('.csat b').count()).toBe(0);
        await shot(page, `queue-06-thanks-${lang}`);

        // the server stored it, as the agent sees it
        const cookie = await loginCookie(t.url, agentEmail);
        const stored = await api<{ conversation: AgentConversation }>(
          t.url,
          `/api/conversations/${conversationId}`,
          { cookie },
        );
        expect(stored.status).toBe(200);
        expect(stored.body.conversation.csat).toEqual({ score: 4, comment });

        if (lang === 'zh') {
          // not asked again after a reload
          await page.reload();
          await page.locator('.launcher').click();
          await visible(page.locator('.list .notice', { hasText: w.resolved }));
          await settled(page);
          expect(await page.locator('.log .csat').isHidden()).toBe(true);
          await shot(page, `queue-07-reloaded-${lang}`);
        } else {
          // the customer writes again (a new conversation): the thank-you goes away
          await page.getByLabel('Type your question').fill('One more question: do you ship to Macau?');
          await page.getByRole('button', { name: 'Send', exact: true }).click();
          await prompt.waitFor({ state: 'hidden', timeout: EVENT_TIMEOUT_MS });
          await visible(page.locator('.list .msg-bot').last());
          await shot(page, `queue-07-writes-again-${lang}`);
        }
        expect(errors).toEqual([]);

        // the agent leaves: nobody is online for the next test (a closed connection is "away" at once, and
        // "offline" after a grace period: either way, not online)
        const offline = waitFor<{ userId: string; presence: string }>(
          await connect(t, '/agent', { cookie: await loginCookie(t.url, 'admin@tandem.demo') }),
          'presence:changed',
          (change) => change.presence !== 'online',
        );
        agent.disconnect();
        await offline;
        await context.close();
      },
      6 * EVENT_TIMEOUT_MS,
    );
  }
});
