import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { EVENT_TIMEOUT_MS } from './harness.ts';

/** Debian's Chromium (apt-get install -y chromium); nothing is downloaded. */
const CHROMIUM = '/usr/bin/chromium';
/** Screenshots for people to look at, in both languages. */
export const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url).pathname;

/**
 * Headless Chromium with the project's flags (no sandbox, GPU, background networking, updates or sync). Its
 * pages ask for reduced motion unless a test says otherwise: what is checked and photographed is where things
 * come to rest, which the console and the widget then show at once instead of after their transitions (up to
 * 2.4 s each), and the reduced-motion styles are exercised on every screen.
 *
 * One Chromium serves all the browser test files of a test process (Vitest runs them one after another in it):
 * starting one costs about 1.5 s and 2 s of CPU. Each file gets its own view of it, whose `close()` closes the
 * contexts and pages that file opened; Playwright ends the browser when the process ends (no Chromium and no
 * profile folder was left behind after this session's runs).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see DEVELOPERS.md)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  shared ??= launchChromium();
  let browser = await shared.catch(() => null);
  if (!browser?.isConnected()) {
    // the last one failed to start or has gone (a crash): a new one for this file
    shared = launchChromium();
    browser = await shared;
  }
  return viewFor(browser);
}

let shared: Promise<Browser> | null = null;

/** The shared browser as one test file sees it: its own contexts, closed by `close()`. */
function viewFor(browser: Browser): Browser {
  const contexts = new Set<BrowserContext>();
  const track = (context: BrowserContext) => {
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    return context;
  };
  const newContext: Browser['newContext'] = async (options = {}) =>
    track(await browser.newContext({ reducedMotion: 'reduce', ...options }));
  const newPage: Browser['newPage'] = async (options = {}) => {
    const page = await browser.newPage({ reducedMotion: 'reduce', ...options });
    track(page.context());
    return page;
  };
  const close: Browser['close'] = async () => {
    await Promise.all([...contexts].map((context) => context.close().catch(() => undefined)));
  };
  const own: Partial<Record<PropertyKey, unknown>> = { newContext, newPage, close };
  return new Proxy(browser, {
    get(target, property) {
      if (property in own) return own[property];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` });
/**
 * Moves an open console to another of its pages without loading it again, as its back and forward buttons do
 * (the console follows the history's `popstate`): the app, its socket and its data stay, as when a person
 * moves between pages. Loading a page again costs Chromium a second or more of CPU (parsing and running the
 * console's code, Ant Design's styles): tests that visit many pages use this after the first load.
 */
export async function openPage(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Waits for the element to be shown (as long as any event: EVENT_TIMEOUT_MS). */
export const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: EVENT_TIMEOUT_MS });
