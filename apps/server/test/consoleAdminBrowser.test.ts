import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TeamView } from '@tandem/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { api, EVENT_TIMEOUT_MS, loginCookie, startTestApp, type TestApp } from './harness.ts';

/**
 * An admin keeps the bot and the floor current: imports a knowledge file with one bad row (previewed, the
 * row named, the good row saved), edits the new entry and rolls it back, checks with try-it what the bot
 * says, and adds a team with business hours. Screenshots in English and Chinese.
 */
describe('administration in the console', () => {
  let t: TestApp;
  let browser: Browser;
  const until = { timeout: EVENT_TIMEOUT_MS * 2 };

  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function adminPage(locale: 'en-US' | 'zh-CN', path: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/${path}`);
    await page.getByLabel(locale === 'en-US' ? 'Email' : '邮箱').fill('admin@tandem.demo');
    await page.getByLabel(locale === 'en-US' ? 'Password' : '密码').fill('tandem-demo');
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
    'imports a file with one bad row, rolls an entry back, and tries the bot',
    async () => {
      const page = await adminPage('en-US', 'knowledge');
      await expect.poll(() => page.locator('.admin-row').count(), until).toBeGreaterThan(20);

      // ---- import: the preview names the bad row by its row in the file; the good row is saved ----
      const file = join(tmpdir(), `tandem-import-${Date.now()}.csv`);
      writeFileSync(
        file,
        [
          'id,category,questions_zh,questions_en,answer_zh,answer_en,enabled',
          'gifts.wrapping,orders,可以礼品包装吗,Do you offer gift wrapping?,可以，结算时勾选礼品包装，每件 5 元。,"Yes: tick gift wrapping at checkout, 5 yuan per item.",true',
          'Bad Id!,orders,坏行,bad row,坏行的答案,The bad row answer,true',
        ].join('\n'),
      );
      await page
        .getByRole('toolbar', { name: 'Knowledge tools' })
        .getByRole('button', { name: 'Import' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Import a knowledge file' });
      await dialog.locator('input[type=file]').setInputFiles(file);
      await visible(dialog.getByText('Row 3, “id”', { exact: false }));
      await visible(dialog.getByText('1 row(s) have errors', { exact: false }));
      await settle(page);
      await shot(page, 'admin-import-preview-en');
      expect(await dialog.getByRole('button', { name: 'Import 1' }).isDisabled()).toBe(true);
      await dialog.getByRole('checkbox', { name: 'Skip rows with errors' }).check();
      await dialog.getByRole('button', { name: 'Import 1' }).click();
      await visible(page.getByText('Live: the bot answers it now'));
      const row = page.locator('.admin-row', { hasText: 'gifts.wrapping' });
      await visible(row);
      expect(await page.locator('.admin-row', { hasText: 'Bad Id!' }).count()).toBe(0);

      // ---- edit it, then roll back to the imported version ----
      await row.click();
      await page.getByLabel('English answer').fill('Gift wrapping is not available any more.');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await visible(page.getByText('Live: the bot answers it now'));
      await page
        .getByRole('toolbar', { name: 'Knowledge tools' })
        .getByRole('button', { name: 'History' })
        .click();
      const history = page.getByRole('dialog', { name: 'History: gifts.wrapping' });
      await visible(history.getByText('Version 2'));
      const first = history.locator('.version-item', { hasText: 'Version 1' });
      await first.getByRole('button', { name: 'Show changes' }).click();
      const second = history.locator('.version-item', { hasText: 'Version 2' });
      await second.getByRole('button', { name: 'Show changes' }).click();
      await visible(second.locator('.diff'));
      expect(await second.locator('.diff ins').allTextContents()).toContain('not');
      await visible(second.locator('.diff del', { hasText: 'checkout' }));
      await settle(page);
      await shot(page, 'admin-versions-en');
      await first.getByRole('button', { name: 'Roll back to this' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: 'Roll back to this' }).click();
      await visible(history.getByText('restored from version 1'));
      await page.keyboard.press('Escape');
      await visible(page.getByText('Live: the bot answers it now'));
      await expect
        .poll(() => page.getByLabel('English answer').inputValue(), until)
        .toContain('tick gift wrapping at checkout');

      // ---- try it: the bot answers the imported question with the restored answer, and says why ----
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('toolbar', { name: '知识库工具' }).getByRole('button', { name: '试一试' }).click();
      const tryIt = page.getByRole('dialog', { name: '试一试：机器人会怎么回答' });
      await tryIt.getByRole('textbox', { name: '客户消息' }).fill('可以礼品包装吗');
      await tryIt.getByRole('button', { name: '试一试' }).click();
      await visible(tryIt.getByText('直接回答'));
      await visible(tryIt.locator('.tryit-bubble', { hasText: '每件 5 元' }));
      await visible(tryIt.getByText('gifts.wrapping').first());
      await settle(page);
      await shot(page, 'admin-tryit-zh');
      await page.context().close();
    },
    EVENT_TIMEOUT_MS * 12,
  );

  it(
    'adds a team with business hours and members',
    async () => {
      const page = await adminPage('zh-CN', 'settings/teams');
      await visible(page.getByRole('heading', { name: '技能组与营业时间' }));
      await page.getByRole('button', { name: '新建技能组' }).click();
      const drawer = page.getByRole('dialog', { name: '新建技能组' });
      await drawer.getByLabel('名称').fill('VIP 专线');
      await drawer.getByLabel('标识').fill('vip');
      await drawer.getByLabel('成员').click();
      await page.locator('.ant-select-item-option', { hasText: '王小明' }).click();
      await drawer.getByRole('button', { name: '设置营业时间' }).click();
      await visible(drawer.getByRole('switch', { name: '周六营业' }));
      await drawer.getByRole('switch', { name: '周六营业' }).click();
      await settle(page);
      await shot(page, 'admin-team-hours-zh');
      await drawer.getByRole('button', { name: '保存' }).click();
      await visible(page.locator('.ant-table-row', { hasText: 'VIP 专线' }));

      const cookie = await loginCookie(t.url, 'admin@tandem.demo');
      const teams = await api<{ teams: TeamView[] }>(t.url, '/api/teams', { cookie });
      const vip = teams.body.teams.find((team) => team.key === 'vip');
      expect(vip?.hours?.timezone).toBe('Asia/Shanghai');
      expect(vip?.hours?.weekly.mon).toEqual([{ from: '09:00', to: '18:00' }]);
      expect(vip?.hours?.weekly.sat).toEqual([{ from: '09:00', to: '18:00' }]);
      expect(vip?.hours?.weekly.sun ?? []).toEqual([]);
      expect(vip?.members.map((member) => member.name)).toEqual(['王小明']);
      await settle(page);
      await shot(page, 'admin-teams-zh');

      // the other settings pages, in English
      await page.getByRole('button', { name: 'English' }).click();
      for (const [tab, name] of [
        ['People and roles', 'admin-people-en'],
        ['Canned replies', 'admin-canned-en'],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await visible(page.getByRole('heading', { name: tab }));
        await expect.poll(() => page.locator('.ant-table-row').count(), until).toBeGreaterThan(0);
        await settle(page);
        await shot(page, name);
      }
      await page.context().close();
    },
    EVENT_TIMEOUT_MS * 8,
  );
});
