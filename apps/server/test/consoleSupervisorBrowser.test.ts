import type { AgentConversation, MessageView } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
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
  waitFor,
} from './harness.ts';

/**
 * The supervisor wall in the console: Li Na closed her console with two customers in hand; the admin sees
 * her away with them, reassigns one to Wang Xiaoming (online) and takes the other over. Screenshots of the
 * wall in Chinese and English.
 */
describe('the supervisor wall', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // an agent who closed the console keeps her conversations for an hour: the supervisor acts first
    t = await startTestApp('pglite', { routingOfferTimeoutSeconds: 120, routingOfflineGraceSeconds: 3600 });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A customer who asks for a person; Li Na (the only one online) is offered and accepts them. */
  async function servedBy(agent: Socket, text: string) {
    const customer = await newCustomer(t, 'zh');
    const offered = waitFor<{ conversation: AgentConversation }>(agent, 'conversation:offered', () => true);
    const said = await emit<{ message: MessageView }>(customer.socket, 'message:send', {
      clientId: clientId(),
      text,
    });
    expect(said.ok).toBe(true);
    expect((await emit(customer.socket, 'handoff:request', {})).ok).toBe(true);
    const { conversation } = await offered;
    const accepted = await emit(agent, 'conversation:accept', { conversationId: conversation.id });
    expect(accepted.ok).toBe(true);
    return {
      ...customer,
      conversationId: conversation.id,
      shortId: `#${customer.contactId.replace(/-/g, '').slice(0, 4)}`,
    };
  }

  async function assigneeOf(cookie: string, conversationId: string) {
    const res = await api<{ conversation: AgentConversation }>(
      t.url,
      `/api/conversations/${conversationId}`,
      {
        cookie,
      },
    );
    return res.body.conversation.assignee?.name ?? null;
  }

  async function settle(page: Page) {
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
    );
  }

  it(
    'reassigns an away agent’s conversation and takes over another',
    async () => {
      const liNa = await connect(t, '/agent', { cookie: await loginCookie(t.url, 'agent2@tandem.demo') });
      const first = await servedBy(liNa, '我的快递一周没动了');
      const second = await servedBy(liNa, '我要投诉，客服一直不回');
      liNa.disconnect();
      // Wang Xiaoming is online and has room
      const wangCookie = await loginCookie(t.url, 'agent1@tandem.demo');
      await connect(t, '/agent', { cookie: wangCookie });

      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${t.url}/console/supervisor`);
      await page.getByLabel('邮箱').fill('admin@tandem.demo');
      await page.getByLabel('密码').fill('tandem-demo');
      await page.keyboard.press('Enter');
      await visible(page.getByRole('heading', { name: '实时监控台' }));

      // ---- Li Na is away with her two customers listed under her ----
      const served = page.getByRole('list', { name: 'Li Na 李娜 正在服务的会话' });
      await visible(served);
      const agents = page.locator('.ant-table-row', { hasText: 'Li Na 李娜' });
      await visible(agents.getByText('离开'));
      await expect.poll(() => served.getByRole('listitem').count(), { timeout: EVENT_TIMEOUT_MS }).toBe(2);
      await settle(page);
      await shot(page, 'supervisor-wall-zh');

      // ---- reassign the first to Wang Xiaoming: the customer is told, he serves it now ----
      const firstItem = served.getByRole('listitem').filter({ hasText: first.shortId });
      const toldFirst = waitFor<MessageView>(
        first.socket,
        'message:new',
        (m) => m.notice?.code === 'transferred',
      );
      await firstItem.getByRole('combobox', { name: '改派给…' }).click();
      await page.locator('.ant-select-item-option', { hasText: '王小明' }).click();
      await toldFirst;
      await visible(page.getByText('已分配给 王小明'));
      const adminCookie = await loginCookie(t.url, 'admin@tandem.demo');
      expect(await assigneeOf(adminCookie, first.conversationId)).toBe('王小明');

      // ---- take over the second myself ----
      const secondItem = served.getByRole('listitem').filter({ hasText: second.shortId });
      const toldSecond = waitFor<MessageView>(
        second.socket,
        'message:new',
        (m) => m.notice?.code === 'transferred',
      );
      await secondItem.getByRole('button', { name: '我来接管' }).click();
      await toldSecond;
      expect(await assigneeOf(adminCookie, second.conversationId)).toBe('管理员 Admin');
      await served.waitFor({ state: 'detached', timeout: EVENT_TIMEOUT_MS });

      // ---- the wall in English ----
      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.getByRole('heading', { name: 'Supervisor wall' }));
      await settle(page);
      await shot(page, 'supervisor-wall-en');
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page);
      await shot(page, 'supervisor-wall-phone-en');
      await context.close();
    },
    EVENT_TIMEOUT_MS * 10,
  );
});
