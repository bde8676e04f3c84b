/**
 * What the staff console costs the browser: `npm run bench:console` (after `npm run build:web` and
 * `npm run build:server`). Starts the compiled server on a fresh embedded database (the demo seeded), then in
 * Debian's Chromium, round after round in a new browser context: loads the console and signs in as the demo
 * admin, then moves through five of its pages as a person does (knowledge, bot, people, analytics, inbox).
 * Reports the CPU all of Chromium's processes used for each part (from /proc: the renderer's main thread is
 * only part of it), and the wall time. Options: `-- --rounds N` (default 8; the first, with cold caches, is
 * shown but left out of the medians).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const PAGES = [
  '/console/knowledge',
  '/console/bot',
  '/console/settings/people',
  '/console/analytics',
  '/console/',
];
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 8;

/** CPU seconds used so far by every Chromium process alive (user + system). */
function chromiumCpu(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function startServer(): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const server = join(ROOT, 'dist/server/main.js');
  if (!existsSync(server))
    throw new Error('no dist/server/main.js: npm run build:web && npm run build:server');
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-console-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [server], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode})`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, dir };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start within 2 minutes');
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const { url, child, dir } = await startServer();
const browser = await chromium.launch({
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
const rows: Array<{ load: number; pages: number; wall: number }> = [];
try {
  console.log('| round | locale | load and sign in: CPU s | five pages: CPU s | wall s |');
  console.log('|---:|---|---:|---:|---:|');
  for (let round = 0; round < rounds; round++) {
    const zh = round % 2 === 1;
    const context = await browser.newContext({
      locale: zh ? 'zh-CN' : 'en-US',
      viewport: { width: 1366, height: 860 },
      reducedMotion: 'reduce',
    });
    const started = performance.now();
    const before = chromiumCpu();
    const page = await context.newPage();
    await page.goto(`${url}/console/`);
    await page.getByLabel(zh ? '邮箱' : 'Email').fill('admin@tandem.demo');
    await page.getByLabel(zh ? '密码' : 'Password').fill('tandem-demo');
    await page.keyboard.press('Enter');
    await page.locator('.topbar').waitFor();
    await page.waitForLoadState('networkidle');
    const signedIn = chromiumCpu();
    for (const path of PAGES) {
      await page.evaluate((to) => {
        window.history.pushState(null, '', to);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await page.waitForLoadState('networkidle');
    }
    const done = chromiumCpu();
    await context.close();
    const row = {
      load: signedIn - before,
      pages: done - signedIn,
      wall: (performance.now() - started) / 1000,
    };
    if (round > 0) rows.push(row);
    console.log(
      `| ${round + 1}${round === 0 ? ' (cold)' : ''} | ${zh ? 'zh' : 'en'} | ${row.load.toFixed(2)} | ${row.pages.toFixed(2)} | ${row.wall.toFixed(1)} |`,
    );
  }
  console.log(
    `\nMedian of rounds 2–${rounds}: load and sign in ${median(rows.map((r) => r.load)).toFixed(2)} s of CPU, ` +
      `five pages ${median(rows.map((r) => r.pages)).toFixed(2)} s, wall ${median(rows.map((r) => r.wall)).toFixed(1)} s`,
  );
} finally {
  await browser.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
