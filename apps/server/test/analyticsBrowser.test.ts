import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../src/analytics/history.ts';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { api, EVENT_TIMEOUT_MS, loginCookie, startTestApp, type TestApp } from './harness.ts';

/**
 * The analytics dashboard in the console, on six weeks of generated history in the demo workspace: the admin
 * sees the figures and charts, changes the buckets, downloads a table and the conversations, and sets the
 * data retention period. Screenshots in Chinese and English, and at phone width.
 */
describe('the analytics dashboard', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    const db = t.app.ctx.store.db;
    const workspace = await db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    const teams = await db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .execute();
    const agents = await db
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('role', '=', 'agent')
      .execute();
    await generateHistory(db, {
      workspaceId: workspace.id,
      days: 42,
      perDay: 60,
      now: new Date(),
      utcOffsetHours: 8,
      teamIds: teams.map((team) => team.id),
      agentIds: agents.map((agent) => agent.id),
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function settle(page: Page) {
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
    );
  }

  it(
    'shows the figures and charts, exports, and sets the retention period',
    async () => {
      const context = await browser.newContext({
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1440, height: 1000 },
      });
      const page = await context.newPage();
      await page.goto(`${t.url}/console/analytics`);
      await page.getByLabel('邮箱').fill('admin@tandem.demo');
      await page.getByLabel('密码').fill('tandem-demo');
      await page.keyboard.press('Enter');

      // ---- the overview: key figures, charts (canvas), per-person table ----
      await visible(page.getByRole('tab', { name: '概览' }));
      const kpis = page.getByTestId('analytics-kpis');
      await visible(kpis.getByText('机器人解决率'));
      const conversations = Number(
        (
          (await kpis
            .locator('.ant-statistic')
            .first()
            .locator('.ant-statistic-content-value')
            .textContent()) ?? ''
        ).replace(/\D/g, ''),
      );
      expect(conversations).toBeGreaterThan(500);
      await visible(page.getByRole('img', { name: '每个时间段的会话量、转人工数和机器人解决数' }));
      await expect
        .poll(() => page.locator('[data-testid="chart-volume"] canvas').count(), {
          timeout: EVENT_TIMEOUT_MS,
        })
        .toBeGreaterThan(0);
      await visible(page.getByRole('img', { name: '按星期和小时统计的会话量' }));
      await visible(page.getByTestId('agents-table').getByText('王小明'));
      await settle(page);
      await shot(page, 'analytics-overview-zh');
      // the page scrolls inside its own pane: the lower charts and the tables
      await page.locator('.analytics-page').evaluate((pane) => pane.scrollTo(0, pane.scrollHeight));
      await settle(page);
      await shot(page, 'analytics-overview-bottom-zh');
      await page.locator('.analytics-page').evaluate((pane) => pane.scrollTo(0, 0));

      // ---- by week: fewer buckets, same total ----
      const weekly = page.waitForResponse(
        (r) => r.url().includes('/api/admin/analytics/overview') && r.url().includes('granularity=week'),
      );
      await page.getByText('按周').click();
      const body = (await (await weekly).json()) as { series: unknown[]; totals: { conversations: number } };
      expect(body.series.length).toBeLessThanOrEqual(6);
      expect(body.totals.conversations).toBe(conversations);

      // ---- exports: the links download what the dashboard shows, as the signed-in admin ----
      await page.getByRole('button', { name: '导出会话（含记录）' }).hover();
      const link = page.getByRole('link', { name: 'Excel (.xlsx)' });
      await visible(link);
      const xlsx = await page.request.get(`${t.url}${await link.getAttribute('href')}`);
      expect(xlsx.status()).toBe(200);
      expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
      const table = await page.request.get(
        `${t.url}/api/admin/analytics/export?from=2020-01-01&to=2020-01-31&table=agents&format=csv`,
      );
      expect((await table.text()).split('\r\n')[0]).toBe(
        '\uFEFFid,name,conversations,ended,handedOver,handedOverRate,agentTransfers,botResolved,botUnresolved,botPending,botResolutionRate,firstResponseSeconds,waitSeconds,handleSeconds,csatAverage,csatCount,slaMetRate,outOfScopeRate',
      );

      // ---- English, and a phone ----
      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.getByTestId('analytics-kpis').getByText('Bot resolution'));
      await settle(page);
      await shot(page, 'analytics-overview-en');
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page);
      await shot(page, 'analytics-overview-phone-en');
      await page.setViewportSize({ width: 1440, height: 1000 });

      // ---- data retention (settings → data and privacy) ----
      await page.goto(`${t.url}/console/settings/data`);
      await visible(page.getByText('Data retention', { exact: true }));
      await page.getByRole('radio', { name: '90 days' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await visible(page.getByText('Data retention saved'));
      await shot(page, 'analytics-data-settings-en');
      const cookie = await loginCookie(t.url, 'admin@tandem.demo');
      const saved = await api<{ retentionDays: number | null }>(t.url, '/api/admin/analytics/retention', {
        cookie,
      });
      expect(saved.body.retentionDays).toBe(90);
      await context.close();
    },
    EVENT_TIMEOUT_MS * 10,
  );
});
