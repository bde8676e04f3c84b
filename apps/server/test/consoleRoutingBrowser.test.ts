import type { MessageView } from '@tandem/protocol';
import type { Browser, Locator, Page } from 'playwright-core';
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
  startTestApp,
  type TestApp,
} from './harness.ts';

/**
 * Routing in the console: a customer who asks for a person is offered to an agent, who sees a card with a
 * countdown and accepts (or declines) it; the agent then passes the conversation on (to a person, back to
 * the queue, back to the bot) and sees the customer's rating. Screenshots in both languages go to
 * test-artifacts/.
 */
describe('routing in the console', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // offers last long enough for a slow machine to take its screenshots before one runs out
    t = await startTestApp('pglite', { routingOfferTimeoutSeconds: 120 });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function staffPage(email: string) {
    // with motion, as most staff see it (the other browser tests ask for reduced motion): offers slide in
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'no-preference',
    });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('tandem-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.locator('.topbar'));
    const motion = (e: Element) => getComputedStyle(e).getPropertyValue('--ant-motion-duration-mid').trim();
    expect(await page.locator('.ant-tabs').first().evaluate(motion)).toMatch(/^0\.\d+s$/);
    return page;
  }

  async function say(socket: Socket, text: string) {
    const ack = await emit<{ message: MessageView }>(socket, 'message:send', { clientId: clientId(), text });
    expect(ack.ok).toBe(true);
  }

  /** A customer who asks for a person, then writes while waiting; with the name the console gives them. */
  async function customerAsking(text: string) {
    const customer = await newCustomer(t, 'en');
    await say(customer.socket, 'Hello');
    const handed = await emit(customer.socket, 'handoff:request', { lang: 'en' });
    expect(handed.ok).toBe(true);
    await say(customer.socket, text);
    return { ...customer, shortId: `#${customer.contactId.replace(/-/g, '').slice(0, 4)}` };
  }

  /** A screenshot once the cards have slid in (finite animations finished). */
  async function snap(page: Page, name: string) {
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );
    await shot(page, name);
  }

  const card = (page: Page, shortId: string) => page.locator('.offer-card', { hasText: shortId });
  const gone = (locator: Locator) => locator.waitFor({ state: 'detached', timeout: EVENT_TIMEOUT_MS });

  it(
    'offers a waiting customer to the agent, who accepts it and passes it on',
    async () => {
      const page = await staffPage('agent1@tandem.demo');
      await visible(page.getByRole('tab', { name: /Queued/ }));

      // ---- an offer: a card with the customer, the last message and a countdown ----
      const first = await customerAsking('Hello, my parcel 20250301-7788 has not moved for a week');
      const firstCard = card(page, first.shortId);
      await visible(firstCard);
      expect(await firstCard.locator('.offer-title').textContent()).toBe('New conversation offered');
      // the card follows the conversation's last message, as its inbox row does (the customer's words, or
      // whatever the bot said after them while they wait)
      const firstRow = page.locator('.row', { hasText: first.shortId });
      await expect
        .poll(
          async () => {
            const preview = await firstCard.locator('.offer-preview').textContent();
            return (
              preview !== null &&
              preview !== '' &&
              preview === (await firstRow.locator('.row-preview').textContent())
            );
          },
          { timeout: EVENT_TIMEOUT_MS },
        )
        .toBe(true);
      expect(await firstCard.getByRole('timer').textContent()).toMatch(/^\d+s left$/);
      await snap(page, 'routing-offer-en');

      // ---- several at once ----
      const second = await customerAsking('I would like to change my delivery address');
      const secondCard = card(page, second.shortId);
      await visible(secondCard);
      expect(await page.locator('.offer-card').count()).toBe(2);
      await page.getByRole('tab', { name: /Queued/ }).click();
      await visible(page.locator('.row', { hasText: first.shortId }).getByText('Offered to you'));
      await snap(page, 'routing-offers-two-en');

      await page.getByRole('button', { name: '中文' }).click();
      await visible(firstCard.getByText('新会话待接入'));
      expect(await firstCard.getByRole('timer').textContent()).toMatch(/^剩 \d+ 秒$/);
      await snap(page, 'routing-offers-two-zh');

      // ---- decline one: its card goes ----
      await secondCard.getByRole('button', { name: '拒绝' }).click();
      await gone(secondCard);

      // ---- accept the other: its card goes and the conversation opens, mine ----
      await firstCard.getByRole('button', { name: '接入' }).click();
      await gone(firstCard);
      const header = page.locator('.conversation-header');
      await visible(header.getByRole('heading', { name: new RegExp(first.shortId) }));
      await visible(header.locator('.chip-status-assigned'));
      await visible(page.locator('.transcript').getByText('20250301-7788', { exact: false }));
      await visible(page.getByRole('tab', { name: /我的/, selected: true }));
      await snap(page, 'routing-accepted-zh');

      // ---- transfer to a person who goes offline meanwhile: the server's refusal is shown ----
      const cookie2 = await loginCookie(t.url, 'agent2@tandem.demo');
      let agent2 = await connect(t, '/agent', { cookie: cookie2 });
      await page.getByRole('toolbar').getByRole('button', { name: /转接/ }).click();
      const dialog = page.getByRole('dialog', { name: '转接会话' });
      await visible(dialog);
      // the people as a drop-down: those not online are there, but cannot be chosen
      const person = dialog.getByLabel('选择同事');
      const liNa = page.locator('.transfer-person-options .ant-select-item-option', { hasText: 'Li Na' });
      const liNaEnabled = async () => !((await liNa.getAttribute('class')) ?? '').includes('disabled');
      await person.click();
      await expect.poll(liNaEnabled, { timeout: EVENT_TIMEOUT_MS }).toBe(true);
      // the list re-renders when anyone's presence changes: a click on an option being replaced is lost,
      // so choose until the field shows the choice
      const chosen = dialog.locator('.transfer-person').getByText('Li Na', { exact: false });
      await expect
        .poll(
          async () => {
            if (await chosen.isVisible()) return true;
            if (!(await liNa.isVisible())) await person.click();
            await liNa.click({ timeout: 2_000 }).catch(() => undefined);
            return chosen.isVisible();
          },
          { timeout: EVENT_TIMEOUT_MS },
        )
        .toBe(true);
      await dialog.getByLabel(/备注/).fill('Parcel stuck since 1 March; customer already waited a week.');
      await snap(page, 'routing-transfer-dialog-zh');
      agent2.disconnect();
      await person.click();
      await expect.poll(liNaEnabled, { timeout: EVENT_TIMEOUT_MS }).toBe(false);
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByRole('button', { name: '转接' }).click();
      await visible(dialog.getByRole('alert').getByText('对方现在无法接待（不在线或已满负荷）'));
      await snap(page, 'routing-transfer-unavailable-zh');

      // ---- back online: the transfer goes through ----
      agent2 = await connect(t, '/agent', { cookie: cookie2 });
      await person.click();
      await expect.poll(liNaEnabled, { timeout: EVENT_TIMEOUT_MS }).toBe(true);
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByRole('button', { name: '转接' }).click();
      await gone(dialog);
      await visible(page.getByRole('status').getByText(/会话已转接给 Li Na/));
      await visible(page.locator('.msg-system', { hasText: /会话已转接给 Li Na/ }));
      await visible(header.getByText(/由 Li Na .* 处理/));
      expect(await page.getByRole('toolbar', { name: '会话操作' }).count()).toBe(0);
      await snap(page, 'routing-transferred-zh');
      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.locator('.msg-system', { hasText: /transferred to Li Na/ }));
      await snap(page, 'routing-transferred-en');

      // ---- Li Na resolves it and the customer rates it: the rating shows in the open conversation ----
      const firstId = await conversationOf(first.contactId, cookie2);
      const resolved = await api(t.url, `/api/conversations/${firstId}/resolve`, {
        cookie: cookie2,
        body: {},
      });
      expect(resolved.status).toBe(200);
      const rated = await emit(first.socket, 'csat:submit', {
        conversationId: firstId,
        score: 4,
        comment: 'Quick and kind, thank you! <b>not bold</b>',
      });
      expect(rated.ok).toBe(true);
      const csat = page.getByRole('region', { name: 'Customer rating' });
      await visible(csat);
      expect(await csat.textContent()).toContain('4 out of 5');
      // the customer's words are text, never markup
      expect(await csat.locator('q').textContent()).toBe('Quick and kind, thank you! <b>not bold</b>');
      await snap(page, 'routing-csat-en');
      await page.getByRole('button', { name: '中文' }).click();
      await visible(page.getByRole('region', { name: '客户评价' }).getByText('4 / 5 分'));
      await snap(page, 'routing-csat-zh');
      agent2.disconnect();

      // ---- the declined one: accept it from the queue, then pass it to a team's queue (where Li Na is back
      // online: the person passing it on does not count as someone there to take it) ----
      agent2 = await connect(t, '/agent', { cookie: cookie2 });
      await page.getByRole('tab', { name: /排队中/ }).click();
      await page.locator('.row', { hasText: second.shortId }).click();
      await visible(header.getByRole('heading', { name: new RegExp(second.shortId) }));
      await header.getByRole('button', { name: '接入' }).click();
      await visible(header.locator('.chip-status-assigned'));
      await page.getByRole('toolbar').getByRole('button', { name: /转接/ }).click();
      await visible(dialog);
      await dialog.getByText('团队', { exact: true }).click();
      const teamSelect = dialog.getByLabel('选择团队');
      const afterSales = page.locator('.transfer-team-options .ant-select-item-option', {
        hasText: '售后 After-sales',
      });
      await teamSelect.click();
      await expect
        .poll(async () => !((await afterSales.getAttribute('class')) ?? '').includes('disabled'), {
          timeout: EVENT_TIMEOUT_MS,
        })
        .toBe(true);
      await afterSales.click();
      await snap(page, 'routing-transfer-team-zh');
      await dialog.getByRole('button', { name: '转接' }).click();
      await gone(dialog);
      await visible(page.locator('.msg-system', { hasText: '会话已转接到 售后 After-sales' }));
      await visible(header.locator('.chip-team', { hasText: '售后 After-sales' }));
      // it is not offered straight back to the person who passed it on: it goes to a colleague; the person may
      // still take it back from the view
      const offerBar = page.locator('.offer-bar');
      await visible(header.locator('.chip-status-queued'));
      expect(await card(page, second.shortId).count()).toBe(0);
      expect(await offerBar.count()).toBe(0);
      await snap(page, 'routing-team-queued-zh');
      await header.getByRole('button', { name: '接入' }).click();
      await visible(header.locator('.chip-status-assigned'));

      // ---- release to the queue, after "are you sure?" ----
      await page.getByRole('toolbar').getByRole('button', { name: '退回队列' }).click();
      const confirm = page.getByRole('alertdialog');
      await visible(confirm);
      await snap(page, 'routing-release-confirm-zh');
      await confirm.getByRole('button', { name: '退回队列' }).click();
      await visible(page.locator('.msg-system', { hasText: '会话已退回队列' }));
      await visible(header.locator('.chip-status-queued'));
      await visible(page.getByRole('status').getByText('会话已退回队列'));
      await snap(page, 'routing-released-zh');

      // ---- take it again (whether or not it was offered to me again meanwhile), then hand it to the bot ----
      await header.getByRole('button', { name: '接入' }).click();
      await visible(header.locator('.chip-status-assigned'));
      await gone(offerBar);
      await page.getByRole('toolbar').getByRole('button', { name: '交回机器人' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: '交回机器人' }).click();
      await visible(page.locator('.msg-system', { hasText: '会话已交回机器人' }));
      await visible(header.locator('.chip-status-bot'));
      expect(await page.getByRole('toolbar', { name: '会话操作' }).count()).toBe(0);
      await snap(page, 'routing-handed-back-zh');
      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.locator('.msg-system', { hasText: 'The conversation was handed back to the bot' }));
      await visible(page.getByRole('status').getByText('The conversation was handed back to the bot'));
      await snap(page, 'routing-handed-back-en');

      // ---- on a phone the card sits at the top, clear of the composer ----
      await page.setViewportSize({ width: 390, height: 844 });
      const third = await customerAsking('Can I pay for my order in instalments?');
      const phoneCard = card(page, third.shortId);
      await visible(phoneCard);
      await snap(page, 'routing-offer-phone-en');
      const box = await phoneCard.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await page.getByRole('button', { name: '中文' }).click();
      await snap(page, 'routing-offer-phone-zh');
      await phoneCard.getByRole('button', { name: '拒绝' }).click();
      await gone(phoneCard);

      await page.context().close();
    },
    8 * EVENT_TIMEOUT_MS,
  );

  /** The id of the customer's conversation, as staff see it. */
  async function conversationOf(contactId: string, cookie: string): Promise<string> {
    const list = await api<{ conversations: Array<{ id: string; contact: { id: string } }> }>(
      t.url,
      '/api/conversations?view=all&limit=200',
      { cookie },
    );
    const found = list.body.conversations.find((c) => c.contact.id === contactId);
    if (!found) throw new Error(`no conversation of contact ${contactId}`);
    return found.id;
  }
});
