import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactForToken } from '../src/services/widgetSession.ts';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import {
  api,
  EVENT_TIMEOUT_MS,
  loginCookie,
  RETRAIN_TIMEOUT_MS,
  startTestApp,
  type TestApp,
} from './harness.ts';

/** expect.poll waits for a condition, as long as any event (Vitest's default of 1 s is too short when busy). */
const until = { timeout: EVENT_TIMEOUT_MS };

/**
 * Staff change what the bot knows and does from the console, in a real browser, and a customer on the
 * widget gets the new behaviour. Screenshots of both admin pages in both languages go to test-artifacts/.
 */
describe('bot administration in the console', () => {
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

  async function staffPage(email: string, viewport = { width: 1280, height: 800 }, path = '/console/') {
    const context = await browser.newContext({ locale: 'en-US', viewport });
    const page = await context.newPage();
    await page.goto(`${t.url}${path}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('tandem-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.locator('.topbar'));
    return page;
  }

  /** How many replies the bot stored for the customer's last message (one turn stores them all at once). */
  async function storedReplies(visitorToken: string): Promise<number> {
    const contact = await contactForToken(t.app.ctx, visitorToken);
    const conversation = contact && (await t.app.ctx.store.conversations.findLatestForContact(contact.id));
    if (!conversation) throw new Error('the widget has no conversation');
    const messages = await t.app.ctx.store.messages.listByConversation(conversation.id);
    const afterCustomer =
      messages.length - [...messages].reverse().findIndex((m) => m.authorKind === 'customer');
    return messages.slice(afterCustomer).filter((m) => m.authorKind === 'bot').length;
  }

  /** A new customer (fresh browser context) opens the demo shop's chat, asks, and reads the bot's reply. */
  async function askWidget(text: string, locale: 'en-GB' | 'zh-CN' = 'en-GB'): Promise<string> {
    const context = await browser.newContext({
      locale,
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/demo/`);
      await page.locator('.launcher').click();
      const bot = page.locator('.list .msg-bot');
      await visible(page.locator('.composer textarea'));
      const before = await bot.count();
      await page.locator('.composer textarea').fill(text);
      await page.getByRole('button', { name: locale === 'zh-CN' ? '发送' : 'Send' }).click();
      await expect.poll(() => bot.count(), until).toBeGreaterThan(before);
      // an answer may come as more than one message: they were stored together, so once the first is
      // shown the server knows how many there are; wait for the widget to show all of them
      const token = await page.evaluate(() => localStorage.getItem('tandem:visitor:demo'));
      if (!token) throw new Error('the widget stored no visitor token');
      const replies = await storedReplies(token);
      expect(replies).toBeGreaterThan(0);
      await expect.poll(() => bot.count(), until).toBeGreaterThanOrEqual(before + replies);
      return (await bot.allTextContents()).slice(before).join('\n');
    } finally {
      await context.close();
    }
  }

  // waits for the bot to retrain (RETRAIN_TIMEOUT_MS at most) besides its other waits
  it('teaches the bot a new FAQ answer from the Knowledge page, live for customers within seconds', async () => {
    const page = await staffPage('admin@tandem.demo');
    await page.getByRole('link', { name: 'Knowledge' }).click();
    await expect.poll(() => page.url(), until).toMatch(/\/console\/knowledge$/);
    const rows = page.locator('.admin-row');
    await expect.poll(() => rows.count(), until).toBeGreaterThan(20);
    const total = await rows.count();
    await expect.poll(() => page.locator('.admin-count').textContent(), until).toBe(`${total} entries`);

    // search and category filter narrow the list
    await page.getByRole('searchbox', { name: 'Search questions and answers' }).fill('invoice');
    await expect.poll(() => rows.count(), until).toBeLessThan(total);
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByRole('searchbox').fill('');
    const category = page.getByRole('combobox', { name: 'Category' });
    await category.click();
    await page.locator('.ant-select-item-option', { hasText: /^Refunds$/ }).click();
    await expect
      .poll(
        async () => [...new Set(await page.locator('.admin-row .knowledge-category').allTextContents())],
        until,
      )
      .toEqual(['Refunds']);
    await category.click();
    await page.locator('.ant-select-item-option', { hasText: /^All categories$/ }).click();
    await expect.poll(() => rows.count(), until).toBe(total);

    // a new entry, first sent without its Chinese answer: the server's problem shows at that field
    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByLabel('Entry ID').fill('gifts.engraving');
    await page.locator('.admin-editor').getByLabel('Category').fill('orders');
    await page.getByLabel('Chinese phrasing 1').fill('可以在保温杯上刻字吗');
    await page.getByLabel('English phrasing 1').fill('can you engrave a name on my water bottle');
    await page.locator('fieldset', { hasText: 'English phrasings' }).getByText('Add a line').click();
    await page.getByLabel('English phrasing 2').fill('do you do custom engraving');
    await page
      .getByLabel('English answer')
      .fill('Yes! We offer free laser engraving of up to 12 characters: add it at checkout.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Not saved. Problems to fix: 1'));
    expect(await page.getByLabel('Chinese answer').getAttribute('aria-invalid')).toBe('true');
    await visible(page.getByText('Enter an answer (at most 2,000 characters)'));
    await shot(page, 'admin-knowledge-invalid-en');

    await page
      .getByLabel('Chinese answer')
      .fill('可以！我们提供免费激光刻字，最多 12 个字符，下单时添加即可。');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // the page says when the change is live (the server's bot:status event), not "within seconds"
    await visible(page.getByText('Live: the bot answers it now'));
    await visible(page.locator('.admin-row', { hasText: 'gifts.engraving' }));
    await visible(page.getByRole('heading', { name: 'Edit entry' }));
    await shot(page, 'admin-knowledge-en');

    // the customer asks the new question on the widget once the retrained bot is live (an event, not a time)
    const demo = await t.app.ctx.store.workspaces.findBySlug('demo');
    if (!demo) throw new Error('no demo workspace');
    const live = await Promise.race([
      t.app.ctx.bots.whenLive(demo.id, t.app.ctx.bots.status(demo.id).version),
      new Promise<'not live in time'>((resolve) =>
        setTimeout(resolve, RETRAIN_TIMEOUT_MS, 'not live in time').unref(),
      ),
    ]);
    expect(live).toBe(true);
    expect(await askWidget('Can you engrave a name on my water bottle?')).toContain('free laser engraving');

    // Chinese, desktop and phone
    await page.getByRole('button', { name: '中文' }).click();
    await visible(page.getByRole('heading', { name: '编辑条目' }));
    await shot(page, 'admin-knowledge-zh');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'admin-knowledge-zh-phone-editor');
    await page.getByRole('button', { name: /返回列表/ }).click();
    await visible(page.getByRole('searchbox'));
    await shot(page, 'admin-knowledge-zh-phone-list');
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });

    // delete, after a confirmation: gone from the list and from the server
    await page.locator('.admin-row', { hasText: 'gifts.engraving' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog', {
      name: 'Delete "gifts.engraving"? The bot will stop using it.',
    });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.admin-row', { hasText: 'gifts.engraving' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await visible(page.getByText('Live: the bot no longer uses "gifts.engraving"'));
    await expect
      .poll(() => page.locator('.admin-row', { hasText: 'gifts.engraving' }).count(), until)
      .toBe(0);
    const ids = await page.evaluate(async () => {
      const response = await fetch('/api/admin/knowledge');
      return ((await response.json()) as { entries: Array<{ id: string }> }).entries.map((e) => e.id);
    });
    expect(ids).not.toContain('gifts.engraving');
    expect(ids.length).toBe(total);
    await page.context().close();
  }, 240_000);

  it('refuses invalid rules with the exact path, applies a valid rule to the next message, rolls back', async () => {
    const page = await staffPage('admin@tandem.demo');
    await page.getByRole('link', { name: 'Bot' }).click();
    await expect.poll(() => page.url(), until).toMatch(/\/console\/bot$/);
    expect(await page.getByRole('tab', { name: 'Rules' }).getAttribute('aria-selected')).toBe('true');
    await page.locator('.admin-row', { hasText: 'rules' }).click();
    const editor = page.getByLabel('Definition', { exact: true });
    await expect.poll(() => editor.inputValue(), until).toContain('fraud-verification-code');
    const original = await editor.inputValue();
    const running = (await page.locator('.admin-row .admin-row-meta').first().textContent()) ?? '';
    const runningVersion = Number(/Version (\d+)/.exec(running)?.[1]);
    expect(runningVersion).toBeGreaterThan(0);

    // a regex that could backtrack catastrophically: refused, with its path; the running rules stay
    await editor.fill(
      [
        'rules:',
        '  - id: evil',
        '    name: evil',
        '    enabled: true',
        '    when:',
        '      any:',
        "        - regex: '(a+)+$'",
        '    then:',
        '      - tag: x',
        '',
      ].join('\n'),
    );
    await page.getByRole('button', { name: 'Save and apply' }).click();
    const paths = page.locator('.problem-path');
    await visible(paths.first());
    expect((await paths.allTextContents()).join(' ')).toContain('rules[0].when.any[0].regex');
    await visible(page.getByText(`The running version (${runningVersion}) stays in force`));
    await shot(page, 'admin-bot-invalid-en');
    await expect.poll(() => page.locator('.versions li').count(), until).toBe(1);

    // a valid new rule, added to the top of the running document: live for the very next message
    const rule = [
      '  - id: engraving-fonts',
      '    name: Engraving fonts',
      '    enabled: true',
      '    priority: 120',
      '    when:',
      '      any:',
      '        - keywords: [engraving font, 刻字字体]',
      '    then:',
      '      - answer:',
      '          zh: 刻字可选三种字体：楷体、宋体和手写体。',
      '          en: "Engraving comes in three fonts: Serif, Sans and Script."',
      '',
    ].join('\n');
    expect(original).toMatch(/^rules:\n/m);
    await editor.fill(original.replace(/^rules:\n/m, `rules:\n${rule}`));
    await page.getByRole('button', { name: 'Save and apply' }).click();
    const next = runningVersion + 1;
    await visible(page.getByText(`Saved as version ${next}. It applies from the next customer message.`));
    expect(await page.locator('.problem-panel').count()).toBe(0);
    await expect.poll(() => page.locator('.versions li').count(), until).toBe(2);
    expect(await askWidget('Which engraving font can I choose?')).toContain('three fonts');
    await expect.poll(() => editor.inputValue(), until).toContain('engraving-fonts');
    await shot(page, 'admin-bot-en');

    // roll back to the previous version from the history: the rule is gone for the next message
    await page.getByRole('button', { name: `Activate · Version ${runningVersion}` }).click();
    await visible(page.getByText(`Now running version ${runningVersion}, from the next customer message.`));
    expect(await askWidget('Which engraving font can I choose?')).not.toContain('three fonts');

    // Chinese, desktop and phone
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '查看' }).first().click();
    await visible(page.getByText(`编辑器中是版本 ${next}（未生效）`));
    await shot(page, 'admin-bot-zh');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'admin-bot-zh-phone');
    await page.getByRole('button', { name: 'English' }).click();
    await shot(page, 'admin-bot-en-phone');
    await page.context().close();
  }, 120_000);

  it('starts a new flow from the template and shows flow problems at their path', async () => {
    const page = await staffPage('admin@tandem.demo');
    await page.getByRole('link', { name: 'Bot' }).click();
    await page.getByRole('tab', { name: 'Flows' }).click();
    await visible(page.locator('.admin-row', { hasText: 'order_status' }));
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.locator('.flow-mode').getByText('Source').click(); // flows open in the form
    const editor = page.getByLabel('Definition', { exact: true });
    await expect.poll(() => editor.inputValue(), until).toContain('id: new_flow');
    await editor.fill((await editor.inputValue()).replace('start: answer', 'start: nowhere'));
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await visible(page.locator('.problem-path').first());
    await visible(page.getByText('Nothing was changed.'));
    await editor.fill((await editor.inputValue()).replace('start: nowhere', 'start: answer'));
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await visible(page.getByText(/Saved as version 1\. The bot is updating in the background/));
    await visible(page.locator('.admin-row', { hasText: 'new_flow' }));
    await shot(page, 'admin-bot-flows-en');

    // switched off: stays in the list as Off, and comes back with Activate
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Turn off' }).click();
    await visible(page.getByText('"new_flow" is off.'));
    await visible(page.locator('.admin-row', { hasText: 'new_flow' }).getByText('Off'));
    await page.getByRole('button', { name: 'Activate · Version 1' }).click();
    await visible(page.locator('.admin-row', { hasText: 'new_flow' }).getByText('Active'));

    // the settings are JSON, and open as stored
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.locator('.admin-row', { hasText: 'settings' }).click();
    await expect.poll(() => editor.inputValue(), until).toContain('"fallback"');
    expect(await page.getByRole('combobox', { name: 'Format' }).inputValue()).toBe('json');
    await page.context().close();
  }, 120_000);

  it('shows admins the identity secret only on request, and rotates it after a warning', async () => {
    const cookie = await loginCookie(t.url, 'admin@tandem.demo');
    const current = async () =>
      (await api<{ secret: string }>(t.url, '/api/admin/identity', { cookie })).body.secret;
    const before = await current();
    const page = await staffPage('admin@tandem.demo');
    await page.getByRole('link', { name: 'Bot' }).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const panel = page.getByRole('region', { name: 'Customer identity verification' });
    await visible(panel);
    expect(await panel.locator('.identity-secret').count()).toBe(0); // hidden until asked for
    await panel.getByRole('button', { name: 'Show secret' }).click();
    await expect.poll(() => panel.locator('.identity-secret').textContent(), until).toBe(before);
    await panel.getByRole('button', { name: 'Rotate secret' }).click();
    await panel.getByRole('alertdialog').getByRole('button', { name: 'Rotate secret' }).click();
    await visible(panel.getByText(/The secret was rotated/));
    const after = await current();
    expect(after).not.toBe(before);
    await expect.poll(() => panel.locator('.identity-secret').textContent(), until).toBe(after);
    await page.getByRole('button', { name: '中文' }).click();
    await visible(page.getByRole('region', { name: '客户身份验证' }));
    await shot(page, 'admin-identity-zh');
    await page.context().close();

    // a supervisor or agent never sees it: the panel says admins only
    const agent = await staffPage('agent1@tandem.demo', { width: 1280, height: 800 }, '/console/bot');
    expect(await agent.locator('.identity-secret').count()).toBe(0);
    await agent.context().close();
  }, 120_000);

  it('gives agents no admin links and a clear refusal on a direct address', async () => {
    const page = await staffPage('agent1@tandem.demo');
    await visible(page.getByRole('tab', { name: /Queued/ }));
    expect(await page.getByRole('link', { name: 'Knowledge' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Bot' }).count()).toBe(0);
    await page.goto(`${t.url}/console/knowledge`);
    await visible(page.getByRole('heading', { name: "You can't open this page" }));
    expect(await page.locator('.admin-list').count()).toBe(0);
    await shot(page, 'admin-agent-refused-en');
    await page.goto(`${t.url}/console/bot`);
    await visible(page.getByRole('heading', { name: "You can't open this page" }));
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
    await expect.poll(() => page.url(), until).toMatch(/\/console\/$/);
    await visible(page.getByRole('tab', { name: /Queued/ }));
    await page.context().close();
  });
});
