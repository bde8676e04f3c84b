import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { api, clientId, emit, loginCookie, newCustomer, startTestApp, type TestApp } from './harness.ts';
import { type LoopbackProvider, startLoopbackProvider } from './llmLoopback.ts';

/**
 * The agent taking a conversation over asks the workspace's language model for a hand-over summary under
 * the packet (both languages); with the model off, the same button says it is an extract.
 * Screenshots in test-artifacts/llm-summary-*.png.
 */
describe('the language model summary in the hand-over panel', () => {
  let t: TestApp;
  let browser: Browser;
  let provider: LoopbackProvider;
  let admin: string;

  const save = (enabled: boolean) =>
    api(t.url, '/api/admin/llm', {
      method: 'PUT',
      cookie: admin,
      body: {
        enabled,
        baseUrl: provider.url,
        chatModel: 'loopback-chat',
        embeddingModel: null,
        timeoutMs: 30_000,
        dailyTokenBudget: 1_000_000,
        features: {},
      },
    });

  beforeAll(async () => {
    provider = await startLoopbackProvider();
    t = await startTestApp('pglite', { llmProviderAllowPrivate: true });
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.close();
  });

  async function agentOpensQueued(locale: 'en-US' | 'zh-CN'): Promise<Page> {
    const { socket } = await newCustomer(t, 'zh');
    await emit(socket, 'message:send', {
      clientId: clientId(),
      text: '订单 202611230001 的耳机左耳没声音，我的电话 13800138000，转人工',
    });
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/`);
    const en = locale === 'en-US';
    await page.getByLabel(en ? 'Email' : '邮箱').fill('agent1@tandem.demo');
    await page.getByLabel(en ? 'Password' : '密码').fill('tandem-demo');
    await page.keyboard.press('Enter');
    await visible(page.locator('.topbar'));
    await page.getByRole('tab', { name: en ? /Queued/ : /排队/ }).click();
    await page.locator('#inbox-rows .row').first().click();
    await visible(page.locator('.handoff-panel'));
    return page;
  }

  it('shows the model summary on demand, masked on the way out, and says when it is only an extract', async () => {
    expect((await save(true)).status).toBe(200);
    provider.script({ kind: 'text', text: '客户的耳机左耳没声音，已提供订单号，希望人工处理。' });
    const page = await agentOpensQueued('zh-CN');
    await page.getByRole('button', { name: '用大模型总结' }).click();
    await visible(page.getByText('大模型总结（请核对原文）'));
    await visible(page.locator('.model-summary-text').getByText('客户的耳机左耳没声音'));
    await shot(page, 'llm-summary-zh');
    // the phone number never left for the provider
    const sent = provider
      .chatCalls()
      .map((call) => JSON.stringify(call.body.messages))
      .join('\n');
    expect(sent).toContain('左耳没声音');
    expect(sent).not.toContain('13800138000');
    await page.context().close();

    expect((await save(false)).status).toBe(200);
    const english = await agentOpensQueued('en-US');
    await english.getByRole('button', { name: 'Summarise with the language model' }).click();
    await visible(english.getByText('The language model is off: an extract of the conversation'));
    await shot(english, 'llm-summary-off-en');
    await english.context().close();
  }, 120_000);
});
