import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { EVENT_TIMEOUT_MS } from './harness.ts';

/** Debian's Chromium (apt-get install -y chromium); nothing is downloaded. */
const CHROMIUM = '/usr/bin/chromium';
/** Screenshots for people to look at, in both languages. */
export const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url).pathname;

/** Headless Chromium with the project's flags (no sandbox, GPU, background networking, updates or sync). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see DEVELOPERS.md)`);
  mkdirSync(ARTIFACTS, { recursive: true });
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
/** Waits for the element to be shown (as long as any event: EVENT_TIMEOUT_MS). */
export const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: EVENT_TIMEOUT_MS });
