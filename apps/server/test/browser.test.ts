import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { EVENT_TIMEOUT_MS, startTestApp, type TestApp } from './harness.ts';

/**
 * The whole journey in a real browser: a customer on the demo shop page (Chinese, phone-sized) and an agent
 * in the console (English, desktop), in two browser contexts. Screenshots go to test-artifacts/.
 */
describe('customer and agent in the browser', () => {
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

  const hasText = (locator: Locator, text: string) =>
    expect
      .poll(async () => (await locator.count()) > 0 && ((await locator.textContent()) ?? ''), {
        timeout: EVENT_TIMEOUT_MS,
      })
      .toContain(text);

  it('customer asks, hands over, agent accepts and replies, both live; resolve; reload resumes', async () => {
    const customerContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const agentContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    const customer = await customerContext.newPage();
    const agent = await agentContext.newPage();

    // the customer opens the shop and the chat
    await customer.goto(`${t.url}/demo/`);
    await customer.locator('.launcher').click();
    const input = customer.locator('.composer textarea');
    await input.fill('怎么开发票');
    await customer.getByRole('button', { name: '发送' }).click();
    // an answer may come as more than one message: wait for the one that answers the question
    await expect
      .poll(async () => (await customer.locator('.list .msg-bot').allTextContents()).join('\n'), {
        timeout: EVENT_TIMEOUT_MS,
      })
      .toMatch(/发票/);
    await shot(customer, 'journey-01-customer-bot-answer-zh');

    // text with markup is shown as text
    await input.fill('<img src=x onerror=alert(1)>');
    await customer.getByRole('button', { name: '发送' }).click();
    await hasText(customer.locator('.list .msg-out').last(), '<img src=x onerror=alert(1)>');
    expect(await customer.locator('.list img').count()).toBe(0);

    // the agent signs in and sees nothing queued yet
    await agent.goto(`${t.url}/console/`);
    await agent.getByLabel('Email').fill('agent1@tandem.demo');
    await agent.getByLabel('Password').fill('tandem-demo');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await visible(agent.getByRole('tab', { name: /Queued/ }));

    // the customer taps "转人工" (the widget's own button; the bot's "can't help" reply offers one too):
    // queued, and the agent sees it appear live
    await customer.locator('button.handoff').click();
    await hasText(customer.locator('.status'), '正在为您转接人工客服');
    await shot(customer, 'journey-02-customer-queued-zh');
    await agent.getByRole('tab', { name: /Queued/ }).click();
    const row = agent.locator('.row-preview').first();
    await visible(row);
    await row.click();
    await visible(agent.locator('.bubble', { hasText: '怎么开发票' }));
    await shot(agent, 'journey-03-agent-queued-en');

    // accept: the whole transcript, bot turns included
    await agent.getByRole('button', { name: 'Accept' }).click();
    await hasText(agent.locator('main, body').first(), '申请开票');
    await hasText(customer.locator('.status'), '王小明');

    // replies both ways, live
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).fill('您好，我是王小明，这就帮您开票。');
    await agent.getByRole('button', { name: 'Send' }).click();
    await hasText(customer.locator('.list .msg-agent').last(), '这就帮您开票');
    await input.fill('好的，谢谢！抬头写公司名');
    await customer.getByRole('button', { name: '发送' }).click();
    await visible(agent.locator('.bubble', { hasText: '好的，谢谢！抬头写公司名' }));
    await shot(customer, 'journey-04-customer-with-agent-zh');
    await shot(agent, 'journey-05-agent-conversation-en');

    // resolve: the customer is told
    await agent.getByRole('button', { name: 'Resolve', exact: true }).click();
    // how it ended (optional), then confirm
    await agent.getByRole('dialog').getByRole('button', { name: 'Resolve conversation' }).click();
    await hasText(customer.locator('.status'), '本次服务已结束');
    await shot(customer, 'journey-06-customer-resolved-zh');

    // reload: the same conversation and its history come back
    await customer.reload();
    await customer.locator('.launcher').click();
    await hasText(customer.locator('.list .msg-agent').last(), '这就帮您开票');
    await hasText(customer.locator('.list .msg-out').first(), '怎么开发票');
    await shot(customer, 'journey-07-customer-reloaded-zh');

    await customerContext.close();
    await agentContext.close();
  }, 120_000);

  it('shows the widget in English and the console in Chinese', async () => {
    const customerContext = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
    });
    const customer = await customerContext.newPage();
    await customer.goto(`${t.url}/demo/`);
    await customer.locator('.launcher').click();
    await customer.locator('.composer textarea').fill('how long does a refund take?');
    await customer.getByRole('button', { name: 'Send' }).click();
    await visible(customer.locator('.list .msg-bot').first());
    await visible(customer.getByRole('button', { name: 'Talk to a person' }));
    await shot(customer, 'widget-en-desktop');

    const agentContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 800 },
    });
    const agent = await agentContext.newPage();
    await agent.goto(`${t.url}/console/`);
    await agent.getByLabel('邮箱').fill('agent2@tandem.demo');
    await agent.getByLabel('密码').fill('tandem-demo');
    await agent.getByRole('button', { name: '登录' }).click();
    await visible(agent.getByRole('tab', { name: /排队中/ }));
    await agent.getByRole('tab', { name: /机器人/ }).click();
    await agent.locator('.row-preview').first().click();
    await visible(agent.locator('.bubble', { hasText: 'how long does a refund take?' }));
    await shot(agent, 'console-zh-bot-tab');
    await customerContext.close();
    await agentContext.close();
  }, 120_000);
});
