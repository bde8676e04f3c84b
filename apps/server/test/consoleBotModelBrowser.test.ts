import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/services/tokens.ts';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { api, EVENT_TIMEOUT_MS, loginCookie, startTestApp, type TestApp } from './harness.ts';

type Definitions = { definitions: Array<{ version: number; source: string }> };

/** A small tea shop: its bot trains (and cross-validates) in seconds, two invoice intents to confuse. */
const entry = (id: string, zh: string[], en: string[], answer: [string, string]) => ({
  id,
  category: 'general',
  questions: { zh, en },
  answer: { zh: answer[0], en: answer[1] },
  related: [],
});
const teaShop = [
  entry(
    'tea.shipping',
    ['多久能发货', '什么时候发货', '下单后几天发货'],
    ['when will my order ship', 'how long until you ship', 'shipping time'],
    ['下单后 48 小时内发货。', 'We ship within 48 hours.'],
  ),
  entry(
    'tea.returns',
    ['茶叶可以退吗', '怎么退货', '不喜欢可以退吗'],
    ['can I return tea', 'how do I return an order', 'return policy'],
    ['未开封的茶叶 7 天内可退。', 'Unopened tea can be returned within 7 days.'],
  ),
  entry(
    'invoices.request',
    ['怎么开发票', '我要开发票', '能开发票吗', '发票怎么申请'],
    ['how do I get an invoice', 'I need an invoice', 'can you issue an invoice', 'request an invoice'],
    ['在订单详情页点“申请发票”。', 'Choose “Request an invoice” on the order page.'],
  ),
  entry(
    'invoices.timing',
    ['发票什么时候开', '发票多久能开好', '什么时候能收到发票', '发票开好了吗'],
    [
      'when will I get my invoice',
      'how long does the invoice take',
      'is my invoice ready',
      'when is the invoice issued',
    ],
    ['发票在确认收货后 3 天内开出。', 'Invoices are issued within 3 days of delivery.'],
  ),
  entry(
    'tea.storage',
    ['茶叶怎么保存', '茶叶放冰箱可以吗', '开封后怎么存放'],
    ['how should I store tea', 'can I keep tea in the fridge', 'storing opened tea'],
    ['密封、避光、防潮保存。', 'Keep it sealed, dark and dry.'],
  ),
  entry(
    'tea.brewing',
    ['水温多少合适', '怎么泡绿茶', '泡几分钟'],
    ['what water temperature', 'how to brew green tea', 'how long to steep'],
    ['绿茶用 80 度水泡 2 分钟。', 'Brew green tea at 80 °C for 2 minutes.'],
  ),
];
const tastingFlow = `# Booking a tea tasting: one question, then a person confirms
id: tasting_booking
name: { zh: 品鉴预约, en: Tasting booking }
trigger:
  examples:
    zh: [预约品鉴, 我想预约试茶]
    en: [book a tasting, I want to book a tea tasting]
start: done
nodes:
  done:
    type: end
    text: { zh: 好的，店员会联系您确认时间。, en: Our staff will contact you to confirm a time. }
`;

/**
 * An admin of a tea shop edits what the bot learns: adds an example to an intent (the try-it panel then
 * matches it), keeps synonyms in the vocabulary, runs the model report and opens a confusion pair to fix.
 * Screenshots in Chinese and English.
 */
describe('the bot model in the console', () => {
  let t: TestApp;
  let browser: Browser;
  let cookie: string;
  const until = { timeout: EVENT_TIMEOUT_MS * 2 };
  /** the bot retrains (and cross-validates) in a worker: a busy machine may take a few events' time */
  const training = { timeout: EVENT_TIMEOUT_MS * 4 };

  beforeAll(async () => {
    t = await startTestApp('pglite');
    const store = t.app.ctx.store;
    const workspaceId = await store.setup.createWorkspace({ slug: 'teashop', name: '茶舍 Tea House' });
    await store.setup.createUser({
      workspaceId,
      email: 'admin@teashop.test',
      name: '店长 Manager',
      role: 'admin',
      passwordHash: await hashPassword('tandem-demo'),
      locale: 'en',
    });
    cookie = await loginCookie(t.url, 'admin@teashop.test');
    for (const item of teaShop) {
      const res = await api(t.url, `/api/admin/knowledge/${item.id}`, { method: 'PUT', cookie, body: item });
      expect(res.status).toBe(200);
    }
    const flow = await api(t.url, '/api/admin/bot/flow', {
      cookie,
      body: { format: 'yaml', source: tastingFlow },
    });
    expect(flow.status).toBe(201);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function adminPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/bot`);
    await page.getByLabel('Email').fill('admin@teashop.test');
    await page.getByLabel('Password').fill('tandem-demo');
    await page.keyboard.press('Enter');
    await visible(page.locator('.topbar'));
    return page;
  }

  async function settle(page: Page) {
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
    );
  }

  it(
    'adds an example that the bot then matches, warns of a shared one, edits synonyms, and fixes a confusion',
    async () => {
      const page = await adminPage();

      // ---- intents: every intent, searchable; one opened, an example added and saved, live ----
      await page.getByRole('tab', { name: 'Intents' }).click();
      const list = page.getByRole('list', { name: 'Intents' });
      await expect.poll(() => list.locator('.admin-row').count(), until).toBe(7);
      await visible(list.locator('.admin-row', { hasText: 'Tasting booking' }));
      await settle(page);
      await shot(page, 'bot-intents-en');
      await page.getByRole('searchbox', { name: 'Search intents, ids or examples' }).fill('invoice');
      await expect.poll(() => list.locator('.admin-row').count(), until).toBe(2);
      await list.locator('.admin-row', { hasText: 'invoices.request' }).click();
      const editor = page.getByRole('region', { name: 'how do I get an invoice' });
      await visible(editor.getByLabel('English example 4'));

      // an example another intent already has is pointed out
      await editor.getByLabel('New English example').fill('is my invoice ready');
      await editor.getByLabel('New English example').press('Enter');
      await visible(editor.getByText('Also an example of “when will I get my invoice”', { exact: false }));
      await settle(page);
      await shot(page, 'bot-intent-shared-en');
      await editor.getByRole('button', { name: 'Remove example “is my invoice ready”' }).click();

      await editor.getByLabel('New English example').fill('can you send me a fapiao');
      await editor.getByRole('button', { name: 'Save examples' }).click();
      await page.getByText('Live: the bot answers with the change now').waitFor(training);
      await visible(editor.getByLabel('English example 5'));
      expect(await editor.getByLabel('English example 5').inputValue()).toBe('can you send me a fapiao');

      // the try-it panel: the bot now takes the new example for this intent
      await page.getByRole('button', { name: 'Try it', exact: true }).click();
      const tryIt = page.getByRole('dialog', { name: 'Try it: what the bot would do' });
      await tryIt.getByRole('textbox', { name: 'Customer message' }).fill('can you send me a fapiao');
      await tryIt.getByRole('button', { name: 'Try', exact: true }).click();
      await visible(tryIt.getByText('Answer', { exact: true }));
      await visible(tryIt.locator('code', { hasText: 'invoices.request' }).first());
      await settle(page);
      await shot(page, 'bot-intent-tryit-en');
      await page.keyboard.press('Escape');

      // ---- vocabulary, in Chinese: a group of one word is refused at the field; then saved ----
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('tab', { name: '词库' }).click();
      await visible(page.getByRole('heading', { name: '词库' }));
      await page.getByRole('combobox', { name: '自定义词' }).fill('茶礼卡');
      await page.getByRole('combobox', { name: '自定义词' }).press('Enter');
      await page.getByRole('button', { name: '添加同义词组' }).click();
      const group = page.getByRole('combobox', { name: '同义词组 1' });
      await group.fill('发票');
      await group.press('Enter');
      await visible(page.getByText('同义词组至少需要 2 个词'));
      expect(await page.getByRole('button', { name: '保存词库' }).isDisabled()).toBe(true);
      await settle(page);
      await shot(page, 'bot-vocabulary-invalid-zh');
      await group.fill('fapiao');
      await group.press('Enter');
      await group.fill('invoice');
      await group.press('Enter');
      await expect.poll(() => page.getByText('同义词组至少需要 2 个词').count(), until).toBe(0);
      await page.getByRole('button', { name: '保存词库' }).click();
      await page.getByText('已生效：机器人现在按新的内容回答').waitFor(training);
      await visible(page.getByText('机器人都按“发票”来理解'));
      await settle(page);
      await shot(page, 'bot-vocabulary-zh');
      const settings = await api<Definitions>(t.url, '/api/admin/bot/settings', { cookie });
      expect(JSON.parse(settings.body.definitions[0]?.source ?? '{}').vocabulary).toEqual({
        words: ['茶礼卡'],
        synonyms: [['发票', 'fapiao', 'invoice']],
      });

      // ---- the model report: figures, intents worst first, confusion pairs that open both intents ----
      await page.getByRole('tab', { name: '模型报告' }).click();
      await visible(page.getByText('还没有报告', { exact: false }));
      await page.getByRole('button', { name: '生成模型报告' }).click();
      await page.getByRole('table', { name: '各意图的表现' }).waitFor(training);
      await visible(page.getByText('45 条示例 · 7 个意图'));
      const pairs = page.getByRole('table', { name: '容易混淆的意图' });
      await visible(pairs);
      await settle(page);
      await shot(page, 'bot-report-zh');
      const perIntent = page.getByRole('table', { name: '各意图的表现' });
      await perIntent.scrollIntoViewIfNeeded();
      const f1 = await perIntent
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => Number.parseFloat(row.querySelector('td:last-child')?.textContent ?? '')),
        );
      expect(f1).toEqual([...f1].sort((a, b) => a - b));
      await settle(page);
      await shot(page, 'bot-report-intents-zh');
      const open = pairs.getByRole('button', { name: /^打开“.+”和“.+”$/ }).first();
      await visible(open);
      await open.click();
      await expect.poll(() => page.locator('.intent-editor').count(), until).toBe(2);
      await visible(page.getByText('被识别错').first());
      await visible(page.getByText('标出的示例在交叉验证中被识别成了另一个意图', { exact: false }));
      await settle(page);
      await shot(page, 'bot-report-pair-zh');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('tab', { name: 'Model report' }).click();
      await page.getByRole('table', { name: 'Intent by intent' }).waitFor(training);
      await visible(page.getByText('45 examples · 7 intents'));
      await settle(page);
      await shot(page, 'bot-report-en');
      await page.context().close();
    },
    EVENT_TIMEOUT_MS * 16,
  );

  it('shows supervisors no model tabs, and the server refuses them and agents', async () => {
    const store = t.app.ctx.store;
    const demo = await store.workspaces.findBySlug('demo');
    await store.setup.createUser({
      workspaceId: demo?.id as string,
      email: 'supervisor@model.test',
      name: '主管 Supervisor',
      role: 'supervisor',
      passwordHash: await hashPassword('tandem-demo'),
      locale: 'en',
    });
    for (const email of ['agent1@tandem.demo', 'supervisor@model.test']) {
      const other = await loginCookie(t.url, email);
      expect((await api(t.url, '/api/admin/bot/intents', { cookie: other })).status).toBe(403);
    }
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/bot`);
    await page.getByLabel('Email').fill('supervisor@model.test');
    await page.getByLabel('Password').fill('tandem-demo');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('tab', { name: 'Rules' }));
    expect(await page.getByRole('tab', { name: 'Intents' }).count()).toBe(0);
    await context.close();
  });
});
