import type { MessageView } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
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
 * The agent workspace on Ant Design: an agent takes three customers at once, answers one with agent assist,
 * one with a canned reply (/), writes an internal note the customer never gets, and switches between the
 * open conversations with the keyboard. Screenshots in Chinese, English and on a phone.
 */
describe('the agent workspace', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp('pglite', { routingOfferTimeoutSeconds: 120 });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function say(socket: Socket, text: string) {
    const ack = await emit<{ message: MessageView }>(socket, 'message:send', { clientId: clientId(), text });
    expect(ack.ok).toBe(true);
  }

  /** A customer who asks the bot, then for a person; with the short id the console shows for them. */
  async function customerAsking(text: string) {
    const customer = await newCustomer(t, 'zh');
    const received: MessageView[] = [];
    customer.socket.on('message:new', (message: MessageView) => received.push(message));
    await say(customer.socket, text);
    const handed = await emit(customer.socket, 'handoff:request', {});
    expect(handed.ok).toBe(true);
    return { ...customer, received, shortId: `#${customer.contactId.replace(/-/g, '').slice(0, 4)}` };
  }

  /** The next message from an agent that reaches this customer's widget. */
  const agentMessage = (socket: Socket) =>
    waitFor<MessageView>(socket, 'message:new', (message) => message.author.kind === 'agent');

  async function settle(page: Page) {
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );
  }

  it(
    'handles three conversations at once with agent assist, a canned reply and an internal note',
    async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
      const page = await context.newPage();
      await page.goto(`${t.url}/console/`);
      await page.getByLabel('邮箱').fill('agent1@tandem.demo');
      await page.getByLabel('密码').fill('tandem-demo');
      await page
        .getByRole('button', { name: '登 录' })
        .or(page.getByRole('button', { name: '登录' }))
        .click();
      await visible(page.getByRole('tab', { name: /排队中/ }));

      const address = await customerAsking('怎么修改收货地址');
      const refund = await customerAsking('我要退款，东西坏了');
      const invoice = await customerAsking('发票怎么开');

      // ---- three offers, accepted one after another: three conversations open side by side ----
      for (const customer of [address, refund, invoice]) {
        const card = page.locator('.offer-card', { hasText: customer.shortId });
        await visible(card);
        await card.getByRole('button', { name: '接入' }).click();
        await card.waitFor({ state: 'detached', timeout: EVENT_TIMEOUT_MS });
      }
      const tabs = page.locator('.open-tabs');
      await visible(tabs.getByRole('tab', { name: new RegExp(invoice.shortId) }));
      expect(await tabs.getByRole('tab').count()).toBe(3);
      await visible(page.getByRole('tab', { name: /我的/, selected: true }));

      // ---- agent assist: the knowledge base's answer to "怎么修改收货地址", inserted and sent ----
      await tabs.getByRole('tab', { name: new RegExp(address.shortId) }).click();
      const assist = page.locator('.assist');
      await visible(assist.getByRole('button', { name: /插入答案/ }).first());
      await settle(page);
      await shot(page, 'workspace-assist-zh');
      await assist
        .getByRole('button', { name: /插入答案/ })
        .first()
        .click();
      const composer = page.locator('.composer textarea');
      await expect.poll(() => composer.inputValue(), { timeout: EVENT_TIMEOUT_MS }).toMatch(/地址/);
      const suggested = await composer.inputValue();
      const assisted = agentMessage(address.socket);
      await composer.press('Enter');
      expect((await assisted).text).toBe(suggested.trim());

      // ---- a canned reply: "/问候" picks it, variables filled (the agent's and the shop's names) ----
      await page.keyboard.press('Alt+2');
      await visible(
        page.locator('.conversation-header').getByRole('heading', { name: new RegExp(refund.shortId) }),
      );
      await composer.fill('/问');
      const list = page.getByRole('listbox', { name: '快捷回复' });
      await visible(list.getByRole('option', { name: /问候/ }));
      await settle(page);
      await shot(page, 'workspace-canned-zh');
      await composer.press('Enter');
      await expect.poll(() => composer.inputValue(), { timeout: EVENT_TIMEOUT_MS }).toContain('王小明');
      expect(await composer.inputValue()).toContain('同行优选');
      expect(await composer.inputValue()).toContain('{customer.name}');
      await composer.fill((await composer.inputValue()).replace('{customer.name}', '').replace(/\s+/g, ' '));
      const canned = agentMessage(refund.socket);
      await page.getByRole('button', { name: '发送' }).click();
      expect((await canned).text).toContain('王小明');

      // ---- an internal note: shown to staff as a note, never sent to the customer ----
      await page.keyboard.press('Alt+N');
      await visible(page.getByText('仅同事可见，客户看不到'));
      await page.getByRole('textbox', { name: '内部备注内容' }).fill('客户情绪激动，先安抚再处理退款');
      await page.getByRole('button', { name: '添加备注' }).click();
      const note = page.locator('.msg-note', { hasText: '先安抚再处理退款' });
      await visible(note);
      await visible(note.getByText('内部备注'));
      await settle(page);
      await shot(page, 'workspace-note-zh');
      // the customer's next agent message is the reply after the note: the note never came
      await page.keyboard.press('Alt+N');
      const after = agentMessage(refund.socket);
      await composer.fill('我们马上为您处理退款。');
      await composer.press('Enter');
      expect((await after).text).toBe('我们马上为您处理退款。');
      expect(refund.received.some((message) => message.text.includes('先安抚'))).toBe(false);

      // ---- the third conversation, by keyboard; then the whole screen in English and on a phone ----
      await page.keyboard.press('Alt+3');
      await visible(
        page.locator('.conversation-header').getByRole('heading', { name: new RegExp(invoice.shortId) }),
      );
      await settle(page);
      await shot(page, 'workspace-three-zh');
      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.getByRole('tab', { name: /Mine/ }));
      await settle(page);
      await shot(page, 'workspace-three-en');
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page);
      await shot(page, 'workspace-phone-en');
      await context.close();
    },
    EVENT_TIMEOUT_MS * 12,
  );
});
