import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { EVENT_TIMEOUT_MS, RETRAIN_TIMEOUT_MS, startTestApp, type TestApp } from './harness.ts';

/** expect.poll and waits for the bot: as long as a retraining may take on a busy machine. */
const until = { timeout: RETRAIN_TIMEOUT_MS };

/** Picks an option of an Ant Design select by its label (the open dropdown only: closed ones stay in the page). */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await list.locator(`.ant-select-item-option[title="${option}"]`).click();
  await list.waitFor({ state: 'hidden', timeout: EVENT_TIMEOUT_MS });
}

/** Waits for transitions to end, so that a screenshot is not caught half-way. */
async function settle(page: Page) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
}

/**
 * An admin builds a flow with the form (an ask node and an end node), sees the error at the node that
 * misses its next step, fixes it, talks to the draft in the test panel, saves it as a version, and a
 * customer on the widget then goes through it. Screenshots in English and Chinese go to test-artifacts/.
 */
describe('the structured flow editor', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchBrowser();
  }, RETRAIN_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function adminPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/bot`);
    await page.getByLabel('Email').fill('admin@tandem.demo');
    await page.getByLabel('Password').fill('tandem-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.locator('.topbar'));
    return page;
  }

  /** A new customer on the demo shop's widget writes each message and reads the bot's answer to it. */
  async function customer(messages: string[]): Promise<string[]> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/demo/`);
    await page.locator('.launcher').click();
    const composer = page.locator('.composer textarea');
    await visible(composer);
    const bot = page.locator('.list .msg-bot');
    const answers: string[] = [];
    for (const message of messages) {
      const before = await bot.count();
      await composer.fill(message);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => bot.count(), until).toBeGreaterThan(before);
      answers.push((await bot.allTextContents()).slice(before).join('\n'));
    }
    await shot(page, 'flow-editor-widget-en');
    await context.close();
    return answers;
  }

  it(
    'builds, checks, tests and saves a flow that a customer then runs',
    async () => {
      const page = await adminPage();
      await page.getByRole('tab', { name: 'Flows' }).click();
      await visible(page.locator('.admin-row', { hasText: 'order_status' }));
      await page.getByRole('button', { name: 'New flow' }).click();

      // ---- the flow: id, name, what customers say ----
      const flowCard = page.locator('.flow-card');
      await visible(flowCard.getByLabel('Flow id'));
      await flowCard.getByLabel('Flow id').fill('book_table');
      await flowCard.getByLabel('Name (Chinese)').fill('预订餐桌');
      await flowCard.getByLabel('Name (English)').fill('Book a table');
      await flowCard
        .getByLabel('Chinese phrasings that start it')
        .fill('我想预订餐桌\n帮我订个桌子\n预订晚餐座位');
      await flowCard
        .getByLabel('English phrasings that start it')
        .fill('book a table\nI want to reserve a table\nreserve a table for dinner');

      // ---- an ask node and an end node; the template's node goes ----
      await page.getByRole('button', { name: 'Add node' }).click();
      const ask = page.getByRole('group', { name: 'Node ask_1' });
      await visible(ask);
      await ask.getByLabel('Slot name').fill('guests');
      await choose(page, ask.getByLabel('Kind of information'), 'Number');
      await ask.getByLabel('Question (Chinese)').fill('请问几位用餐？');
      await ask.getByLabel('Question (English)').fill('How many guests?');
      await ask.getByLabel('Asked again when not understood (Chinese)').fill('请发一个数字，例如 4。');
      await ask.getByLabel('Asked again when not understood (English)').fill('Please send a number, like 4.');
      await choose(page, page.getByLabel('Type of the new node'), 'End');
      await page.getByRole('button', { name: 'Add node' }).click();
      const end = page.getByRole('group', { name: 'Node end_1' });
      await visible(end);
      await end.getByLabel('Message (Chinese)').fill('已为 {{slots.guests}} 位预订，期待您的光临。');
      await end.getByLabel('Message (English)').fill('Booked a table for {{slots.guests}}. See you soon!');
      await page.getByRole('button', { name: 'Remove node · answer' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Remove node' }).click();
      await page.getByRole('group', { name: 'Node answer' }).waitFor({ state: 'detached' });
      await choose(page, flowCard.getByLabel('Start node'), 'ask_1');

      // ---- the ask node has no next step: the error is shown at that field of that node ----
      const next = ask.locator('.ant-form-item', { has: page.getByText('Next node', { exact: true }) });
      await visible(next.locator('.ant-form-item-explain-error', { hasText: 'Required' }));
      await visible(ask.getByText('1 error(s)'));
      await visible(page.locator('.flow-overview li', { hasText: 'ask_1' }).getByText('no next node'));
      // (in the middle of the pane: the sticky footer covers its bottom)
      await next.evaluate((field) => field.scrollIntoView({ block: 'center' }));
      await settle(page);
      await shot(page, 'flow-editor-error-en');
      await choose(page, next.getByLabel('Next node'), 'end_1');
      await visible(page.getByRole('status').filter({ hasText: 'No problems found' }));
      await expect.poll(() => ask.locator('.ant-form-item-has-error').count(), until).toBe(0);
      expect(await page.locator('.flow-overview').textContent()).toContain('→ end_1');

      // ---- a test conversation with the draft, turn by turn ----
      const panel = page.getByRole('region', { name: 'Test conversation' });
      const say = async (text: string) => {
        await panel.getByLabel('Customer message').fill(text);
        await panel.getByRole('button', { name: 'Send' }).click();
        await visible(panel.locator('.flow-test-bubble.is-customer', { hasText: text }));
      };
      await say('book a table');
      await expect
        .poll(() => panel.locator('.flow-test-bubble.is-bot').allTextContents(), until)
        .toContain('How many guests?');
      await visible(panel.locator('.flow-test-node', { hasText: 'ask_1' }));
      await say('4');
      await visible(
        panel.locator('.flow-test-bubble.is-bot', { hasText: 'Booked a table for 4. See you soon!' }),
      );
      await visible(panel.locator('.flow-test-slot', { hasText: 'guests = 4' }));
      await visible(panel.getByText('The flow is over (ended)'));
      await settle(page);
      await shot(page, 'flow-editor-test-en');
      // nothing of it was stored: no customer, no conversation
      const conversations = await t.app.ctx.store.db
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(conversations.n)).toBe(0);

      // ---- saved as version 1 ----
      await page.getByRole('button', { name: 'Save and apply' }).click();
      await visible(page.getByText(/Saved as version 1\./));
      await visible(page.locator('.admin-row', { hasText: 'book_table' }));
      await visible(page.locator('.versions li.is-active', { hasText: 'Version 1' }));
      // the same document as YAML, and back
      await page.locator('.flow-mode').getByText('Source').click();
      const source = page.getByLabel('Definition', { exact: true });
      await expect.poll(() => source.inputValue(), until).toContain('id: book_table');
      expect(await source.inputValue()).toContain('next: end_1');
      await settle(page);
      await shot(page, 'flow-editor-source-en');
      await page.locator('.flow-mode').getByText('Form').click();
      await visible(page.getByRole('group', { name: 'Node ask_1' }));

      // ---- in Chinese ----
      await page.getByRole('button', { name: '中文' }).click();
      await visible(page.getByRole('region', { name: '测试对话' }));
      await page.getByRole('group', { name: '节点 ask_1' }).scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, 'flow-editor-zh');
      const zhPanel = page.getByRole('region', { name: '测试对话' });
      await zhPanel.getByRole('combobox', { name: '客户语言' }).click();
      await page
        .locator(
          '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="中文"]',
        )
        .click();
      await zhPanel.getByLabel('客户消息').fill('我想预订餐桌');
      await zhPanel.getByRole('button', { name: '发送' }).click();
      await visible(zhPanel.locator('.flow-test-bubble.is-bot', { hasText: '请问几位用餐？' }));
      await settle(page);
      await shot(page, 'flow-editor-test-zh');
      await page.getByRole('button', { name: 'English' }).click();

      // ---- a customer on the widget goes through the saved flow once the bot has learnt it ----
      const demo = await t.app.ctx.store.workspaces.findBySlug('demo');
      const workspaceId = demo?.id as string;
      expect(await t.app.ctx.bots.whenLive(workspaceId, t.app.ctx.bots.status(workspaceId).version)).toBe(
        true,
      );
      const answers = await customer(['book a table', '4']);
      expect(answers[0]).toContain('How many guests?');
      expect(answers[1]).toContain('Booked a table for 4. See you soon!');

      // ---- a second version, and the first one viewed again in the form ----
      const endNow = page.getByRole('group', { name: 'Node end_1' });
      await endNow.getByLabel('Message (English)').fill('Your table for {{slots.guests}} is booked.');
      await page.getByRole('button', { name: 'Save and apply' }).click();
      await visible(page.getByText(/Saved as version 2\./));
      await visible(page.locator('.versions li.is-active', { hasText: 'Version 2' }));
      await page
        .locator('.versions li', { hasText: 'Version 1' })
        .getByRole('button', { name: 'View' })
        .click();
      await visible(page.getByText('The editor shows version 1, which is not running.', { exact: false }));
      await expect
        .poll(
          () => page.getByRole('group', { name: 'Node end_1' }).getByLabel('Message (English)').inputValue(),
          until,
        )
        .toBe('Booked a table for {{slots.guests}}. See you soon!');
      await page.context().close();
    },
    RETRAIN_TIMEOUT_MS * 4,
  );

  it('opens a hand-written flow in the form and gives its source back unchanged', async () => {
    const demo = await t.app.ctx.store.workspaces.findBySlug('demo');
    const [stored] = (await t.app.ctx.store.definitions.listActive(demo?.id as string, 'flow')).filter(
      (d) => d.key === 'change_address',
    );
    const page = await adminPage();
    await page.getByRole('tab', { name: 'Flows' }).click();
    await page.locator('.admin-row', { hasText: 'change_address' }).click();
    // a branch, calls with a body and statuses, a confirm node, buttons: each in its own fields
    const branch = page.getByRole('group', { name: 'Node can_change' });
    await visible(branch);
    await visible(branch.getByText('is one of', { exact: true }));
    expect(await branch.getByLabel('Value').first().inputValue()).toBe('shipped, delivered');
    const update = page.getByRole('group', { name: 'Node update' });
    expect(JSON.parse(await update.getByLabel('Body (JSON, optional)').inputValue())).toEqual({
      line: '{{slots.line}}',
    });
    await visible(page.getByRole('status').filter({ hasText: 'No problems found' }));
    await update.evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await settle(page);
    await shot(page, 'flow-editor-http-en');
    await page.locator('.flow-mode').getByText('Source').click();
    await expect
      .poll(() => page.getByLabel('Definition', { exact: true }).inputValue(), until)
      .toBe(stored?.source);
    await page.context().close();
  });
});
