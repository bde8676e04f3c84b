/**
 * Learning in seconds: `npm run bench:learn [-- --runs 5]`. The demo workspace's bot runs as the server runs
 * it (PGlite store seeded with the demo, `createBrainRegistry`, training in a worker thread). Each run saves
 * a new knowledge entry (or edits it) as the knowledge route does (a versioned write, then `rebuild`) and
 * measures the time until the bot answers one of the entry's phrasings, and until the retrained classifier
 * is in place. Meanwhile other customers ask known questions back to back; their reply times are compared
 * with the same traffic before any save. Prints a markdown table (see docs/benchmarks.md).
 */
import { createMemoryEventBus, createStore, openTestDatabase, type SqlStore } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';
import { createBrainRegistry } from '../../apps/server/src/bot/brainRegistry.ts';
import { seedDemoDefinitions, seedDemoWorkspace } from '../../apps/server/src/demo/seed.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

const silent = {
  fatal() {},
  error() {},
  warn() {},
  info() {},
  debug() {},
  trace() {},
  silent() {},
  child: () => silent,
} as unknown as FastifyBaseLogger;

/** New topics for new entries, and what an edit adds to an entry (a question and its answer). */
const TOPICS = [
  {
    zh: '可以帮我把商品包成礼物吗',
    en: 'can you gift wrap my order',
    a: '可以，下单时勾选「礼品包装」，每件 5 元。',
    ae: 'Yes: tick "gift wrap" at checkout, ¥5 per item.',
  },
  {
    zh: '旧手机可以以旧换新吗',
    en: 'do you take my old phone as a trade-in',
    a: '可以，在「以旧换新」页估价后寄回旧机。',
    ae: 'Yes: get a quote on the Trade-in page and send the old phone.',
  },
  {
    zh: '能预约周末送货吗',
    en: 'can I book a weekend delivery',
    a: '可以，下单时选择「预约配送」并选周末时段。',
    ae: 'Yes: pick "scheduled delivery" and a weekend slot at checkout.',
  },
  {
    zh: '公司批量采购有优惠吗',
    en: 'do you offer bulk discounts for companies',
    a: '企业采购满 50 件享 9 折，请联系企业客服。',
    ae: 'Companies get 10% off 50 items or more; contact business sales.',
  },
  {
    zh: '礼品卡怎么激活',
    en: 'how do I activate a gift card',
    a: '在「我的」→「礼品卡」里输入卡密激活。',
    ae: 'Enter the card code under Me → Gift cards.',
  },
  {
    zh: '可以刻字定制吗',
    en: 'can you engrave my name on it',
    a: '部分商品支持刻字，详情页有「定制」按钮。',
    ae: 'Some items can be engraved: look for the Customise button.',
  },
];

/** Run 1, 3, 5…: a new entry; run 2, 4…: the previous run's entry edited (a new question and answer added). */
function entryFor(run: number) {
  const topic = (i: number) => TOPICS[i % TOPICS.length] as (typeof TOPICS)[number];
  const edited = run % 2 === 0;
  const base = edited ? topic(run - 2) : topic(run - 1);
  const added = edited ? topic(run - 1) : null;
  return {
    entry: {
      id: `bench.learn-${Math.ceil(run / 2)}`,
      category: 'orders',
      questions: { zh: [base.zh, ...(added ? [added.zh] : [])], en: [base.en, ...(added ? [added.en] : [])] },
      answer: {
        zh: added ? `${base.a}${added.a}` : base.a,
        en: added ? `${base.ae} ${added.ae}` : base.ae,
      },
      related: [],
      enabled: true,
    },
    /** the phrasing asked: the new entry's, or the one the edit added */
    phrase: (added ?? base).zh,
  };
}

const KNOWN = [
  '运费多少钱',
  '退款多久到账',
  'How do I change my password?',
  '怎么开发票',
  'Do points expire?',
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
};
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function main(): Promise<void> {
  const db = await openTestDatabase('pglite');
  const store: SqlStore = createStore(db.db);
  await seedDemoWorkspace(store);
  await seedDemoDefinitions(store);
  const workspaceId = (await store.workspaces.findBySlug('demo'))?.id as string;
  const events = createMemoryEventBus(() => undefined);
  const registry = createBrainRegistry(
    store,
    { http: async () => ({ status: 503, body: null }) },
    silent,
    events,
  );
  const ask = async (text: string) =>
    (await registry.forWorkspace(workspaceId)).turn(null, { text, attributes: {}, now: new Date() });

  await ask('你好'); // the first build
  // other customers: known questions back to back, each reply timed
  let traffic: number[] = [];
  let running = true;
  const others = (async () => {
    for (let i = 0; running; i++) {
      const started = performance.now();
      await ask(KNOWN[i % KNOWN.length] as string);
      traffic.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 3000));
  const baseline = traffic;

  const rows: string[] = [];
  for (let run = 1; run <= runs; run++) {
    const { entry, phrase } = entryFor(run);
    traffic = [];
    const started = performance.now();
    await store.transaction(async (tx) => {
      await tx.knowledge.lock(workspaceId);
      const before = await tx.knowledge.find(workspaceId, entry.id);
      await tx.knowledge.write(workspaceId, [{ change: before ? 'update' : 'create', entry }], {
        actor: null,
        via: 'edit',
      });
    });
    const version = registry.rebuild(workspaceId);
    const saved = performance.now() - started;
    let answered = 0;
    let liveEvent = 0;
    const live = registry.whenLive(workspaceId, version).then(() => {
      liveEvent = performance.now() - started;
    });
    for (;;) {
      const out = await ask(phrase);
      if (out.intent === entry.id) {
        answered = performance.now() - started;
        break;
      }
      if (performance.now() - started > 120_000) throw new Error(`run ${run}: not answered within 120 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await live;
    // the retrained classifier: the next training settles when nothing else is pending
    while (registry.status(workspaceId).state !== 'live' || registry.learning(workspaceId)) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const trained = performance.now() - started;
    const during = traffic;
    rows.push(
      `| ${run} | ${run % 2 === 0 ? 'edit' : 'new'} | ${fmt(saved)} | ${fmt(answered)} | ${fmt(liveEvent)} | ${fmt(trained)} | ${during.length} | ${fmt(percentile(during, 50))} | ${fmt(percentile(during, 95))} | ${fmt(Math.max(0, ...during))} |`,
    );
    await new Promise((r) => setTimeout(r, 500));
  }
  running = false;
  await others;
  registry.close();
  await db.cleanup();

  console.log(
    `Other customers before any save: ${baseline.length} replies, p50 ${fmt(percentile(baseline, 50))}, p95 ${fmt(percentile(baseline, 95))}, max ${fmt(Math.max(...baseline))}\n`,
  );
  console.log(
    '| run | change | save (DB) | save → answers it | save → `bot:status` live | save → classifier retrained | other replies meanwhile | p50 | p95 | max |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}

await main();
