import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { clientId, EVENT_TIMEOUT_MS, emit, newCustomer, startTestApp, type TestApp } from './harness.ts';
import { type LoopbackProvider, startLoopbackProvider } from './llmLoopback.ts';

const MANUAL = `# 咖啡机使用手册

## 清洁与除垢
咖啡机每三个月需要除垢一次：在水箱中加入除垢剂，按住清洁键三秒，机器会自动完成除垢。
`;

/**
 * An admin connects a language model and adds a document in the console (both languages); a customer then
 * asks the widget a question the FAQ does not cover and sees the answer stream in with its source.
 * Screenshots in test-artifacts/llm-*.png.
 */
describe('language model and documents, in the console and the widget', () => {
  let t: TestApp;
  let browser: Browser;
  let provider: LoopbackProvider;
  const contexts: BrowserContext[] = [];
  const until = { timeout: EVENT_TIMEOUT_MS * 2 };

  beforeAll(async () => {
    provider = await startLoopbackProvider();
    // (the answer below pauses mid-stream until the page has been checked: the bot turn may wait that long)
    t = await startTestApp('pglite', { llmProviderAllowPrivate: true, llmBotDeadlineMs: 60_000 });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
    await provider?.close();
  });

  async function adminPage(locale: 'en-US' | 'zh-CN', width = 1366): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${t.url}/console/settings/llm`);
    await page.getByLabel(locale === 'en-US' ? 'Email' : '邮箱').fill('admin@tandem.demo');
    await page.getByLabel(locale === 'en-US' ? 'Password' : '密码').fill('tandem-demo');
    await page.keyboard.press('Enter');
    await visible(page.locator('.topbar'));
    return page;
  }

  it('an admin connects a provider (the key never comes back) and adds a document', async () => {
    const page = await adminPage('zh-CN');
    await visible(page.getByRole('heading', { name: '大模型' }));
    await page.getByLabel('启用大模型').click();
    await page.getByLabel('接口地址（Base URL）').fill(provider.url);
    await page.getByLabel('对话模型').fill('loopback-chat');
    await page.getByLabel('API 密钥').fill('sk-browser-secret');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .first()
      .click();
    await visible(page.getByText('已保存密钥（加密存储，不会再显示）。留空表示保持不变。'));
    expect(await page.getByLabel('API 密钥').inputValue()).toBe('');
    expect(await page.content()).not.toContain('sk-browser-secret');

    await page.locator('.docs-add input[type=file]').setInputFiles({
      name: 'coffee.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(MANUAL),
    });
    await visible(page.locator('.docs-table').getByText('咖啡机使用手册'));
    await page.getByLabel('试一试：机器人会引用哪些段落').fill('咖啡机多久除垢');
    await page.keyboard.press('Enter');
    await visible(page.locator('.docs-passages').getByText('咖啡机使用手册 › 咖啡机使用手册 › 清洁与除垢'));
    await shot(page, 'llm-01-settings-zh');

    const english = await adminPage('en-US', 390);
    await visible(
      english
        .getByRole('heading', { name: 'Language model' })
        .or(english.getByText('Model provider'))
        .first(),
    );
    await visible(english.locator('.docs-table').getByText('咖啡机使用手册'));
    await shot(english, 'llm-02-settings-en-phone');
  }, 120_000);

  it('the widget shows the answer as it is written, then its source', async () => {
    // two sentences arrive (the second as a piece to append), then the model pauses until resumed below
    provider.script({
      kind: 'stream',
      chunks: ['咖啡机每三个月', '需要除垢一次。', '按住清洁键三秒', '即可。', '谢谢 [1]。'],
      pauseAfter: 4,
    });
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/demo-api/identity/**', (route) => route.fulfill({ status: 404, body: '{}' }));
    await page.goto(`${t.url}/demo/`);
    await page.locator('.launcher').click();
    await page.getByLabel('输入您的问题').fill('咖啡机多久需要除垢一次？');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    // the answer so far, grown by a piece, shows before the answer is complete (no source yet)
    const growing = page.locator('.list .msg-bot', {
      hasText: '咖啡机每三个月需要除垢一次。按住清洁键三秒即可。',
    });
    await growing.first().waitFor(until);
    expect(await growing.locator('.src').count()).toBe(0);
    expect(await page.locator('.list .msg-bot', { hasText: '谢谢' }).count()).toBe(0);
    provider.resumeStream();
    const final = page.locator('.list .msg-bot', { hasText: '按住清洁键三秒即可。谢谢 [1]。' });
    await final.locator('.src').waitFor(until);
    expect(await final.locator('.src').textContent()).toBe('咖啡机使用手册');
    // one answer: the streamed bubble was replaced by the stored message
    expect(await page.locator('.list .msg-bot', { hasText: '咖啡机每三个月' }).count()).toBe(1);
    await page.mouse.move(640, 300);
    await shot(page, 'llm-03-widget-streamed-answer-with-source');
    expect(errors).toEqual([]);
  }, 120_000);

  it('an agent makes the draft warmer and asks for a reply draft', async () => {
    const { socket } = await newCustomer(t, 'zh');
    await emit(socket, 'message:send', { clientId: clientId(), text: '咖啡机坏了，我要转人工' });
    const page = await browser
      .newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
      .then(async (c) => {
        contexts.push(c);
        return c.newPage();
      });
    await page.goto(`${t.url}/console/`);
    await page.getByLabel('Email').fill('agent1@tandem.demo');
    await page.getByLabel('Password').fill('tandem-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.locator('.topbar'));
    await page.getByRole('tab', { name: /Queued/ }).click();
    await page.locator('#inbox-rows .row').first().click();
    await page.getByRole('button', { name: 'Accept' }).click();
    const reply = page.getByRole('textbox', { name: 'Reply', exact: true });
    await reply.fill('坏了可以修。');
    provider.script({ kind: 'text', text: '非常抱歉给您添麻烦了，坏了可以修，请放心。' });
    await page.getByRole('button', { name: 'Warmer / More concise / Translate' }).click();
    // reduced motion (browserHarness.ts): the menu opens inside the window (a blanket transition reset once
    // left it at x = 13,227 px)
    const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)');
    await visible(menu);
    // and with Ant Design's motion off (its durations are 0s)
    const motion = (e: Element) => getComputedStyle(e).getPropertyValue('--ant-motion-duration-mid').trim();
    expect(await menu.evaluate(motion)).toBe('0s');
    const item = await page.getByRole('menuitem', { name: 'Warmer' }).boundingBox();
    expect(item, 'the menu is on the screen').toMatchObject({
      x: expect.toSatisfy((x: number) => x >= 0 && x < 1280),
      y: expect.toSatisfy((y: number) => y >= 0 && y < 900),
    });
    await page.getByRole('menuitem', { name: 'Warmer' }).click();
    await page.waitForFunction(
      () =>
        (
          document.querySelector('textarea[aria-label="Reply"]') as HTMLTextAreaElement | null
        )?.value.startsWith('非常抱歉'),
      undefined,
      until,
    );
    provider.script({ kind: 'text', text: '您好，咖啡机每三个月需要除垢一次，坏了我们帮您安排维修。' });
    await page.getByRole('button', { name: 'Draft a reply (knowledge base and documents)' }).click();
    await visible(
      page.locator('.reply-drafts').getByText('您好，咖啡机每三个月需要除垢一次', { exact: false }),
    );
    await shot(page, 'llm-04-agent-draft-actions-en');
    // the rewrite went out with the agent's draft as data
    const rewriteCall = provider.chatCalls().find((c) => c.body.messages?.[0]?.content.includes('warmer'));
    expect(rewriteCall?.body.messages?.[1]?.content).toContain('坏了可以修。');
  }, 120_000);
});
