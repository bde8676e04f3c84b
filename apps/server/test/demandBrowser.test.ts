import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { type HandBuilt, writeConversation } from './demandHistory.ts';
import { EVENT_TIMEOUT_MS, startTestApp, type TestApp } from './harness.ts';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY - 3_600_000);

const LIVE = [
  '直播间几点开播',
  '今天直播几点开始',
  '直播什么时候开始呀',
  '今晚直播几点开播',
  '直播间今天几点开',
];
const LIVE_ANSWER = '我们的直播每晚八点在首页直播间开播，开播前会有短信提醒哦';
const TRIAL = [
  'is there a free trial for the pro plan',
  'can I get a free trial of pro',
  'free trial for pro plan?',
  'how do I start the pro free trial',
];

const words = {
  zh: {
    email: '邮箱',
    password: '密码',
    nav: '数据分析',
    demand: '需求挖掘',
    quality: '答案质量',
    create: '生成知识条目',
    answerZh: '中文答案',
    answerEn: '英文答案',
    save: '保存',
    // the notice says saved, then live once the bot has learnt it (which may come first on a fast run)
    saved: /已保存|已生效/,
    covered: '已覆盖',
    edit: '修改条目',
    topic: LIVE[0]!,
  },
  en: {
    email: 'Email',
    password: 'Password',
    nav: 'Analytics',
    demand: 'Demand',
    quality: 'Quality',
    create: 'Create FAQ entry',
    answerZh: 'Chinese answer',
    answerEn: 'English answer',
    save: 'Save',
    saved: /Saved|Live/,
    covered: 'Covered',
    edit: 'Edit entry',
    topic: TRIAL[0]!,
  },
};

/**
 * Demand mining in the console: an admin opens Analytics → demand, sees the topics of unanswered questions
 * (mined in the background on first look), turns one into an FAQ entry drafted from its phrasings and the
 * agents' answer, reviews and saves it in the Knowledge editor, and finds the topic covered; the quality tab
 * ranks the answer that does not work. Chinese and English, laptop and phone; screenshots in test-artifacts/.
 */
describe('demand mining in the console', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchBrowser();
    const db = t.app.ctx.store.db;
    const ws = await db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', ws.id)
      .orderBy('name')
      .executeTakeFirstOrThrow();
    const history: HandBuilt[] = [
      ...LIVE.map((q, i) => ({
        at: daysAgo(18 - i * 3),
        teamId: team.id,
        handoff: 'bot_unknown',
        lines: [
          { customer: q },
          { bot: '抱歉，我没有理解', kind: 'unknown' },
          { agent: LIVE_ANSWER },
        ] as HandBuilt['lines'],
      })),
      ...TRIAL.map((q, i) => ({
        at: daysAgo(i % 2),
        lines: [
          { customer: q },
          { bot: 'Could you rephrase?', kind: 'clarify', confidence: 0.2 },
        ] as HandBuilt['lines'],
      })),
      ...[0, 1, 2].map((i) => ({
        at: daysAgo(3 + i),
        handoff: 'customer_request',
        lines: [
          { customer: 'how much is shipping to my city' },
          { bot: 'Shipping is free over 99.', kind: 'answer', intent: 'shipping.fee', confidence: 0.9 },
          { customer: 'that does not help, a person please', polarity: 'negative' as const },
          { agent: 'Let me check the fee for your city.' },
        ] as HandBuilt['lines'],
      })),
    ];
    for (const c of history) await writeConversation(db, ws.id, c);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openDemand(page: Page, w: (typeof words)['zh']) {
    await page.getByRole('navigation').getByRole('link', { name: w.nav }).click();
    await page.getByRole('tab', { name: w.demand }).click();
  }

  for (const lang of ['zh', 'en'] as const) {
    const w = words[lang];
    it(
      `shows topics and turns one into a reviewed FAQ entry that then shows covered (${lang})`,
      async () => {
        const context = await browser.newContext({
          locale: lang === 'zh' ? 'zh-CN' : 'en-US',
          viewport: { width: 1366, height: 900 },
        });
        const page = await context.newPage();
        await page.goto(`${t.url}/console/`);
        await page.getByLabel(w.email).fill('admin@tandem.demo');
        await page.getByLabel(w.password).fill('tandem-demo');
        await page.keyboard.press('Enter');
        await visible(page.locator('.topbar'));
        await openDemand(page, w);

        // the first look mines in the background; the tab follows the run until its topics are there
        const card = page.locator('.demand-topic', { hasText: w.topic });
        await visible(card);
        await visible(card.locator('.chart'));
        await shot(page, `demand-topics-${lang}`);

        // one click: the Knowledge editor opens with the topic's phrasings (and the agents' answer) to review
        await card.getByRole('button', { name: w.create }).click();
        const answerZh = page.getByLabel(w.answerZh, { exact: true });
        await visible(answerZh);
        const questions = await page
          .locator('input, textarea')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        if (lang === 'zh') {
          expect(questions).toEqual(expect.arrayContaining(LIVE));
          expect(await answerZh.inputValue()).toBe(LIVE_ANSWER);
        } else {
          expect(questions).toEqual(expect.arrayContaining(TRIAL.slice(0, 3)));
          await answerZh.fill('专业版可以免费试用 14 天，在账户设置里开通。');
        }
        await shot(page, `demand-draft-${lang}`);
        await page.getByLabel(w.answerEn, { exact: true }).fill('The Pro plan has a 14-day free trial.');
        await page.getByRole('button', { name: w.save, exact: true }).click();
        await visible(page.getByRole('status').filter({ hasText: w.saved }).first());

        // back on the demand tab the topic shows covered by the new entry
        await openDemand(page, w);
        await page.getByText(w.covered, { exact: true }).click();
        const covered = page.locator('.demand-topic', { hasText: w.topic });
        await visible(covered.locator('.ant-tag', { hasText: w.covered }));
        await shot(page, `demand-covered-${lang}`);

        // the quality loop ranks the answer that did not work
        await page.getByRole('tab', { name: w.quality }).click();
        await visible(page.locator('.quality-table').getByText('shipping.fee'));
        await shot(page, `demand-quality-${lang}`);

        // a phone
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByRole('tab', { name: w.demand }).click();
        await page.getByText(w.covered, { exact: true }).click();
        await visible(page.locator('.demand-topic', { hasText: w.topic }));
        await shot(page, `demand-phone-${lang}`);
        await page.getByRole('tab', { name: w.quality }).click();
        await visible(page.locator('.quality-table').getByText('shipping.fee'));
        await shot(page, `demand-quality-phone-${lang}`);

        // an answer that does not work opens in the Knowledge editor, to be improved
        await page.locator('.quality-table').getByRole('button', { name: w.edit }).first().click();
        const answer = page.getByLabel(w.answerZh, { exact: true });
        await visible(answer);
        expect(page.url()).toContain('/console/knowledge');
        expect((await answer.inputValue()).length).toBeGreaterThan(0);
        await context.close();
      },
      6 * EVENT_TIMEOUT_MS,
    );
  }
});
