import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { EVENT_TIMEOUT_MS, startTestApp, type TestApp } from './harness.ts';

/**
 * Read receipts and reopening in a real browser: a customer in the widget (Chinese, phone-sized), the agent
 * serving them (English console) and an admin watching (Chinese console). The agent's reply shows "Sent" until
 * the customer's open widget has shown it, then "Read"; the agent resolves and reopens the conversation, and
 * it moves between the inbox tabs live in both consoles; the customer writes into it again. Screenshots in
 * both languages go to test-artifacts/. Needs the web build (npm run build:web).
 */
describe('read receipts and reopening in the console', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  const hasText = (locator: Locator, text: string | RegExp) =>
    expect
      .poll(async () => ((await locator.count()) > 0 ? (await locator.allTextContents()).join('\n') : ''), {
        timeout: EVENT_TIMEOUT_MS,
      })
      .toMatch(text);
  const gone = (locator: Locator) => locator.waitFor({ state: 'detached', timeout: EVENT_TIMEOUT_MS });

  async function consolePage(email: string, locale: 'en-US' | 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${t.url}/console/`);
    const zh = locale === 'zh-CN';
    await page.getByLabel(zh ? '邮箱' : 'Email').fill(email);
    await page.getByLabel(zh ? '密码' : 'Password').fill('tandem-demo');
    await page.getByRole('button', { name: zh ? '登录' : 'Sign in' }).click();
    await visible(page.locator('.topbar'));
    return page;
  }

  it('shows Sent, then Read once the customer has seen it; resolve and reopen move it between tabs live', async () => {
    const customerContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(customerContext);
    const customer = await customerContext.newPage();
    const agent = await consolePage('agent1@tandem.demo', 'en-US');
    const admin = await consolePage('admin@tandem.demo', 'zh-CN');

    // the customer asks for a person
    await customer.goto(`${t.url}/demo/`);
    await customer.locator('.launcher').click();
    const input = customer.locator('.composer textarea');
    await input.fill('我想改一下收货地址');
    await customer.getByRole('button', { name: '发送' }).click();
    await visible(customer.locator('.list .msg-bot').first());
    await customer.locator('button.handoff').click();
    await hasText(customer.locator('.status'), '正在为您转接人工客服');

    // the agent accepts it from the queue
    await agent.getByRole('tab', { name: /Queued/ }).click();
    // (the only conversation waiting; its preview is the bot's last answer)
    await agent.locator('#inbox-rows .row').first().click();
    await visible(agent.locator('.bubble', { hasText: '我想改一下收货地址' }));
    await agent.getByRole('button', { name: 'Accept' }).click();
    await hasText(customer.locator('.status'), '王小明');

    // with the customer's chat closed, the reply is only sent
    await customer.getByRole('button', { name: '关闭聊天窗口' }).click();
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).fill('您好，请把新地址发给我');
    await agent.getByRole('button', { name: 'Send' }).click();
    const reply = agent.locator('.msg-agent', { hasText: '请把新地址发给我' });
    await visible(reply.locator('.msg-receipt.is-sent'));
    await hasText(reply.locator('.msg-receipt'), 'Sent');
    expect(await reply.locator('.msg-receipt').getAttribute('title')).toBe('Sent');
    await shot(agent, 'receipts-01-agent-sent-en');

    // the customer opens the chat and sees it: the agent sees "Read", live
    await customer.locator('.launcher').click();
    await visible(customer.locator('.list .msg-agent', { hasText: '请把新地址发给我' }));
    await visible(reply.locator('.msg-receipt.is-read'));
    await hasText(reply.locator('.msg-receipt'), 'Read');
    await shot(agent, 'receipts-02-agent-read-en');
    // the bot's earlier answers were shown as well; the customer's own messages carry no receipt
    expect(await agent.locator('.msg-customer .msg-receipt').count()).toBe(0);
    expect(await agent.locator('.msg-bot .msg-receipt.is-sent').count()).toBe(0);

    // the admin opens it later (from the All tab): the mark comes with the conversation, in Chinese
    await admin.getByRole('tab', { name: /全部/ }).click();
    await admin.locator('.row', { hasText: '请把新地址发给我' }).first().click();
    const adminReply = admin.locator('.msg-agent', { hasText: '请把新地址发给我' });
    await hasText(adminReply.locator('.msg-receipt.is-read'), '已读');
    await shot(admin, 'receipts-03-admin-read-zh');

    // the admin keeps the Resolved tab in view while the agent resolves
    await admin.getByRole('tab', { name: /已解决/ }).click();
    const adminRow = admin.locator('#inbox-rows .row', { hasText: '请把新地址发给我' });
    await agent.getByRole('button', { name: 'Resolve', exact: true }).click();
    await agent.getByRole('dialog').getByRole('button', { name: 'Resolve conversation' }).click();
    await hasText(customer.locator('.status'), '本次服务已结束');
    // live: in the admin's Resolved tab, gone from the agent's Mine
    await visible(adminRow);
    await agent.getByRole('tab', { name: /Mine/ }).click();
    await gone(agent.locator('#inbox-rows .row', { hasText: '请把新地址发给我' }));
    await agent.getByRole('tab', { name: /Resolved/ }).click();
    await visible(agent.locator('#inbox-rows .row', { hasText: '请把新地址发给我' }));
    const reopenButton = agent.getByRole('button', { name: 'Reopen', exact: true });
    await visible(reopenButton);
    await shot(agent, 'receipts-04-agent-resolved-en');
    // the admin sees the button in Chinese too (supervisors and admins may reopen anyone's)
    await visible(admin.getByRole('button', { name: '重新打开', exact: true }));
    await shot(admin, 'receipts-04-admin-resolved-zh');

    // the agent reopens: under Mine again (the tab follows), gone from Resolved in the admin's console
    await reopenButton.click();
    await visible(agent.locator('.msg-system', { hasText: 'Reopened by 王小明' }));
    await expect
      .poll(async () => agent.getByRole('tab', { name: /Mine/ }).getAttribute('aria-selected'), {
        timeout: EVENT_TIMEOUT_MS,
      })
      .toBe('true');
    await visible(agent.locator('#inbox-rows .row', { hasText: '请把新地址发给我' }));
    await gone(adminRow);
    await shot(agent, 'receipts-05-agent-reopened-en');

    // the customer's widget continues: a person again, no rating prompt; they write, the agent receives it
    await hasText(customer.locator('.status'), '王小明');
    await visible(customer.locator('.list', { hasText: '对话已重新开启' }));
    await input.fill('新地址是人民路 8 号');
    await customer.getByRole('button', { name: '发送' }).click();
    await visible(agent.locator('.msg-customer .bubble', { hasText: '新地址是人民路 8 号' }));
    await shot(customer, 'receipts-06-customer-reopened-zh');

    // the admin, watching it, reads the notice in Chinese
    await admin.getByRole('tab', { name: /全部/ }).click();
    await admin.locator('#inbox-rows .row', { hasText: '新地址是人民路 8 号' }).first().click();
    await visible(admin.locator('.msg-system', { hasText: '会话已由 王小明 重新打开' }));
    await shot(admin, 'receipts-07-admin-reopened-zh');
  }, 240_000);
});
