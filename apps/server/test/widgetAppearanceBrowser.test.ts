import { defaultWidgetAppearance, type WidgetAppearance } from '@tandem/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { api, EVENT_TIMEOUT_MS, loginCookie, startTestApp, type TestApp } from './harness.ts';

const RED = 'rgb(220, 38, 38)';
const DARK_RED = 'rgb(176, 30, 30)';
/** #2563eb's darker shade: the brand colour in elder mode */
const DARK_BLUE = 'rgb(30, 79, 188)';
const TEAL = 'rgb(15, 118, 110)';

/** What the launcher and the window show: colours and where they sit, read in the page. */
async function look(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('tandem-widget')?.shadowRoot;
    const at = (selector: string) => root?.querySelector<HTMLElement>(selector) ?? null;
    const launcher = at('.launcher');
    const window = at('.window');
    const style = launcher ? getComputedStyle(launcher) : null;
    return {
      background: style?.backgroundColor,
      left: style?.left,
      right: style?.right,
      box: launcher?.getBoundingClientRect().toJSON() as DOMRect | undefined,
      windowBox: window && !window.hidden ? (window.getBoundingClientRect().toJSON() as DOMRect) : null,
      header: at('.header') ? getComputedStyle(at('.header') as HTMLElement).backgroundImage : null,
      elder: at('.tdm')?.dataset.elder,
      lang: at('.tdm')?.lang,
      langsHidden: at('.langs')?.hidden,
    };
  });
}

/** Waits until the launcher shows this background colour (the look arrives with the page's first request). */
async function launcherColour(page: Page, colour: string): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted) => {
        const launcher = document.querySelector('tandem-widget')?.shadowRoot?.querySelector('.launcher');
        return (
          !!launcher && launcher.checkVisibility() && getComputedStyle(launcher).backgroundColor === wanted
        );
      },
      colour,
      { timeout: EVENT_TIMEOUT_MS },
    );
  } catch (error) {
    throw new Error(`the launcher is not ${colour}: ${JSON.stringify(await look(page))}`, { cause: error });
  }
}

/** Waits for the chat window's opening animation to end (a screenshot in between is half transparent). */
const settled = (page: Page) =>
  page
    .locator('.window')
    .evaluate((node) => Promise.all(node.getAnimations().map((animation) => animation.finished)));

/**
 * An admin changes the widget's look over the API (as the console does); the next visitor's widget follows
 * it without a restart, and the page's own data-* attributes still win over it. Screenshots in
 * test-artifacts/widget-appearance-*.png.
 */
describe("the widget follows the workspace's appearance", () => {
  let t: TestApp;
  let browser: Browser;
  let admin: string;
  const contexts: BrowserContext[] = [];

  const save = async (appearance: WidgetAppearance) => {
    const res = await api(t.url, '/api/admin/widget', { method: 'PUT', body: appearance, cookie: admin });
    expect(res.status).toBe(200);
  };
  /** A new visitor (a browser of their own) in an English-speaking browser, anonymous. */
  const visitor = async (viewport = { width: 1280, height: 800 }) => {
    const context = await browser.newContext({ locale: 'en-GB', viewport });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/demo-api/identity/**', (route) => route.fulfill({ status: 404, body: '{}' }));
    return { page, errors };
  };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it(
    'shows the colour, corner, greeting and only language an admin chose',
    async () => {
      const greeting = '您好！欢迎光临同行优选红色特卖会，有什么可以帮您？';
      await save({
        color: '#dc2626',
        position: 'left',
        greeting: { zh: greeting, en: '' },
        languages: ['zh'],
        elder: false,
      });
      const { page, errors } = await visitor();
      await page.goto(`${t.url}/demo/`);
      await launcherColour(page, RED);
      const closed = await look(page);
      expect(closed.background).toBe(RED);
      expect(closed.left).toBe('20px');
      expect(closed.box?.x).toBe(20);
      // an English browser, but the shop offers only Chinese
      expect(closed.lang).toBe('zh-CN');
      expect(await page.locator('.launcher').getAttribute('aria-label')).toBe('打开在线客服');
      await shot(page, 'widget-appearance-01-launcher-red-left');

      await page.locator('.launcher').click();
      const welcome = page.locator('.welcome .bubble');
      await visible(welcome);
      expect(await welcome.textContent()).toBe(greeting);
      await settled(page);
      const open = await look(page);
      expect(open.windowBox?.x).toBe(20);
      expect(open.header).toContain(RED);
      // one language: no language switch (the large-text switch stays)
      expect(open.langsHidden).toBe(true);
      expect(await page.locator('.size').isVisible()).toBe(true);
      // the customer's own message in the brand colour
      await page.getByLabel('输入您的问题').fill('你们有红色的围巾吗？');
      await page.getByRole('button', { name: '发送', exact: true }).click();
      const mine = page.locator('.msg-out .bubble').first();
      await visible(mine);
      // once the bot has answered, the bubble is the acknowledged one (the one shown while sending is replaced:
      // read before that, its style could come from an element already taken out of the page)
      await visible(page.locator('.list .msg-bot').last());
      expect(await mine.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(RED);
      await page.mouse.move(640, 300);
      await shot(page, 'widget-appearance-02-open-greeting-zh');
      expect(errors).toEqual([]);
    },
    4 * EVENT_TIMEOUT_MS,
  );

  it(
    "lets the page's data-position, data-lang and data-elder win over the admin's choice",
    async () => {
      const { page, errors } = await visitor();
      // a shop page of its own that says where and how (the workspace still says left, only zh, no elder)
      await page.route(`${t.url}/embed-test.html`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body style="font-family:sans-serif;background:#f8fafc"><h1 style="margin:40px">A shop page</h1>
<script src="/widget.js" data-workspace="demo" data-position="right" data-lang="en" data-elder="true" async></script>
</body></html>`,
        }),
      );
      await page.goto(`${t.url}/embed-test.html`);
      // elder mode: the brand's darker shade, derived from the admin's colour
      await launcherColour(page, DARK_RED);
      const closed = await look(page);
      expect(closed.box && closed.box.x + closed.box.width).toBe(1280 - 20);
      expect(closed.lang).toBe('en');
      expect(closed.elder).toBe('true');
      await page.locator('.launcher').click();
      const welcome = page.locator('.welcome .bubble');
      await visible(welcome);
      // no English greeting was set: the built-in one (elder mode's simpler words)
      expect(await welcome.textContent()).toBe('Hello! Type your question below, or tap “Talk to a person”.');
      await settled(page);
      expect((await look(page)).header).toContain(DARK_RED);
      await shot(page, 'widget-appearance-03-page-wins-right-en-elder');
      expect(errors).toEqual([]);
    },
    4 * EVENT_TIMEOUT_MS,
  );

  it(
    'follows a later change on the next page view, and the defaults again',
    async () => {
      const { page, errors } = await visitor({ width: 390, height: 844 });
      await page.goto(`${t.url}/demo/`);
      await launcherColour(page, RED);

      // changed while the visitor is on the page: the next page view shows it (no restart, no stale copy)
      await save({
        color: '#2563eb',
        position: 'right',
        greeting: { zh: '', en: 'Hello from the <b>blue</b> shop!' },
        languages: ['en', 'zh'],
        elder: true,
      });
      await page.reload();
      await launcherColour(page, DARK_BLUE);
      const phone = await look(page);
      expect(phone.box && phone.box.x + phone.box.width).toBe(390 - 16);
      expect(phone.elder).toBe('true');
      expect(phone.lang).toBe('en');
      await page.locator('.launcher').click();
      const welcome = page.locator('.welcome .bubble');
      await visible(welcome);
      // the greeting is text: its markup is shown, never parsed
      expect(await welcome.textContent()).toBe('Hello from the <b>blue</b> shop!');
      expect(await page.locator('.welcome b').count()).toBe(0);
      // two languages: the switch is back; in Chinese, the built-in Chinese welcome (none was set)
      expect((await look(page)).langsHidden).toBe(false);
      await settled(page);
      await shot(page, 'widget-appearance-04-phone-blue-elder-en');
      await page.getByRole('button', { name: '中文' }).click();
      await visible(page.locator('.welcome .bubble', { hasText: '您好！请在下面输入您的问题。' }));
      await shot(page, 'widget-appearance-05-phone-blue-elder-zh');

      await save(defaultWidgetAppearance);
      await page.reload();
      await launcherColour(page, TEAL);
      expect((await look(page)).box?.x).toBe(390 - 16 - 60);
      expect(errors).toEqual([]);
    },
    4 * EVENT_TIMEOUT_MS,
  );
});
