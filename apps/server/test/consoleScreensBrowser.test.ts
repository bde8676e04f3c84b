import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../console/src/locales/zh.ts';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { clientId, EVENT_TIMEOUT_MS, emit, newCustomer, startTestApp, type TestApp } from './harness.ts';

/**
 * Every main screen of the console, in Chinese and English, on a laptop: each one loads and shows no
 * untranslated message key. The screenshots
 * go to test-artifacts/ for people to look at.
 */
/** Keys with a dot and a part of at least four letters: short ones ("lang.zh") could be ordinary text. */
const messageKeys = Object.keys(zh).filter((key) => /\.[a-z]{4,}/i.test(key));

describe('the console’s screens', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchBrowser();
    // something in the queue and something to search for
    const customer = await newCustomer(t, 'zh');
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '发票怎么开？抬头写公司名' });
    await emit(customer.socket, 'handoff:request', {});
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const screens = [
    { path: '', name: 'inbox', ready: (page: Page) => page.locator('.inbox-tabs') },
    { path: 'search', name: 'search', ready: (page: Page) => page.getByRole('search') },
    { path: 'tickets', name: 'tickets', ready: (page: Page) => page.locator('.admin-page') },
    { path: 'supervisor', name: 'supervisor', ready: (page: Page) => page.locator('.wall-stats') },
    { path: 'knowledge', name: 'knowledge', ready: (page: Page) => page.locator('.admin-row').first() },
    { path: 'bot', name: 'bot', ready: (page: Page) => page.locator('.admin-page') },
    {
      path: 'settings/canned',
      name: 'settings-canned',
      ready: (page: Page) => page.locator('.ant-table-row').first(),
    },
    {
      path: 'settings/people',
      name: 'settings-people',
      ready: (page: Page) => page.locator('.ant-table-row').first(),
    },
    {
      path: 'settings/teams',
      name: 'settings-teams',
      ready: (page: Page) => page.locator('.ant-table-row').first(),
    },
    {
      path: 'settings/widget',
      name: 'settings-widget',
      ready: (page: Page) => page.locator('.widget-preview'),
    },
  ];

  for (const lang of ['zh', 'en'] as const) {
    it(
      `shows every screen in ${lang === 'zh' ? 'Chinese' : 'English'}`,
      async () => {
        const context = await browser.newContext({
          locale: lang === 'zh' ? 'zh-CN' : 'en-US',
          viewport: { width: 1366, height: 860 },
        });
        const page = await context.newPage();
        await page.goto(`${t.url}/console/`);
        await shot(page, `screen-login-${lang}`);
        await page.getByLabel(lang === 'zh' ? '邮箱' : 'Email').fill('admin@tandem.demo');
        await page.getByLabel(lang === 'zh' ? '密码' : 'Password').fill('tandem-demo');
        await page.keyboard.press('Enter');
        await visible(page.locator('.topbar'));
        // phones: the agent workspace and the wall have their own phone checks (consoleWorkspaceBrowser,
        // consoleSupervisorBrowser); here the laptop screens
        for (const viewport of [{ width: 1366, height: 860, suffix: '' }]) {
          await page.setViewportSize(viewport);
          for (const screen of screens) {
            await page.goto(`${t.url}/console/${screen.path}`);
            await visible(screen.ready(page));
            await page.evaluate(() =>
              Promise.all(
                document.getAnimations().map((animation) => animation.finished.catch(() => undefined)),
              ),
            );
            await shot(page, `screen-${screen.name}-${lang}${viewport.suffix}`);
            // no message key shown as such ("wall.col.name", "tryit.decision.answer")
            const text = (await page.locator('body').textContent()) ?? '';
            const shownKeys = messageKeys.filter((key) => text.includes(key));
            expect(shownKeys, `${screen.name} ${lang}`).toEqual([]);
            if (viewport.suffix) {
              const overflow = await page.evaluate(
                () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
              );
              expect(overflow, `${screen.name} ${lang} scrolls sideways`).toBeLessThanOrEqual(1);
            }
          }
        }
        await context.close();
      },
      EVENT_TIMEOUT_MS * 20,
    );
  }
});
