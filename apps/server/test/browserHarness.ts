import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
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
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see DEVELOPERS.md)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launchChromium();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
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
