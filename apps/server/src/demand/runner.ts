import { clusterInWorker } from '@tandem/engine';
import { type DemandQualityInput, type DemandRunRecord, demandRepository } from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { type Collected, collect } from './collect.ts';
import { type BestEntry, coveringEntry } from './coverage.ts';
import { buildTopics } from './topics.ts';

/** Days of conversations a run reads by default. */
export const WINDOW_DAYS = 30;
/** The most recent questions a run clusters at most (50,000 take well under a minute). */
export const MAX_QUESTIONS = 50_000;
/** Results older than this are refreshed when someone looks at them. */
export const REFRESH_MS = 24 * 3_600_000;
/** Topics kept per run: the largest, plus new and spiking ones beyond them (up to twice as many in all). */
export const MAX_TOPICS = 500;
/** A run still "running" after this long was left by a process that stopped. */
export const ABANDONED_MS = 15 * 60_000;
const PAGE = 500;
const FLOW = 'flow:';

export interface DemandMiner {
  /** starts a run unless one is in progress; `started: false` answers with the one in progress */
  start(
    workspaceId: string,
    requestedBy: string | null,
    windowDays?: number,
  ): Promise<{ run: DemandRunRecord; started: boolean }>;
  /** settles when the runs started so far have finished (tests, shutdown) */
  idle(): Promise<void>;
}

const miners = new WeakMap<AppContext, DemandMiner>();

/** The process's one demand miner for this app: runs go one at a time, in the background. */
export function demandMiner(ctx: AppContext): DemandMiner {
  let miner = miners.get(ctx);
  if (!miner) {
    miner = createDemandMiner(ctx);
    miners.set(ctx, miner);
  }
  return miner;
}

function createDemandMiner(ctx: AppContext): DemandMiner {
  const repo = demandRepository(ctx.store.db);
  let queue: Promise<void> = Promise.resolve();
  return {
    async start(workspaceId, requestedBy, windowDays = WINDOW_DAYS) {
      await repo.failAbandonedRuns(new Date(Date.now() - ABANDONED_MS));
      const run = await repo.startRun(workspaceId, requestedBy, windowDays);
      if (!run) {
        const current = await repo.latestRun(workspaceId);
        if (current) return { run: current, started: false };
        throw new Error('a demand run is in progress but could not be read');
      }
      queue = queue.then(() =>
        execute(ctx, run).catch(async (error: unknown) => {
          ctx.log.error({ err: error, workspaceId, runId: run.id }, 'demand mining run failed');
          await repo
            .failRun(run.id, error instanceof Error ? error.message : String(error))
            .catch(() => undefined);
        }),
      );
      return { run, started: true };
    },
    idle: () => queue,
  };
}

async function readQuestions(ctx: AppContext, workspaceId: string, since: Date): Promise<Collected> {
  const repo = demandRepository(ctx.store.db);
  const collected: Collected = { questions: [], quality: new Map() };
  let after: string | null = null;
  for (;;) {
    const page = await repo.conversationsPage(workspaceId, since, after, PAGE);
    if (page.length === 0) break;
    collect(page, since, collected);
    after = page.at(-1)!.id;
  }
  if (collected.questions.length > MAX_QUESTIONS) {
    collected.questions.sort((a, b) => b.at.getTime() - a.at.getTime());
    collected.questions.length = MAX_QUESTIONS;
  }
  return collected;
}

/** The bot's best entry for a question, from the engine it runs now (none while it cannot answer). */
async function bestEntryOf(ctx: AppContext, workspaceId: string): Promise<BestEntry | null> {
  const engine = await ctx.bots.forWorkspace(workspaceId).catch(() => null);
  if (!engine) return null;
  return (text) => {
    const [top] = engine.suggest(text, { limit: 1 }).suggestions;
    return top ? { entryId: top.entryId, score: top.score } : null;
  };
}

/** One run: read, cluster off the main thread, describe the topics, judge the answers, store it all. */
async function execute(ctx: AppContext, run: DemandRunRecord): Promise<void> {
  const repo = demandRepository(ctx.store.db);
  const now = new Date();
  const since = new Date(now.getTime() - run.windowDays * 86_400_000);
  const collected = await readQuestions(ctx, run.workspaceId, since);
  const { questions } = collected;
  const clustering = await clusterInWorker({
    texts: questions.map((q) => q.text),
    userDictionary: [],
    synonyms: [],
    minClusterSize: 2,
  });
  const topics = buildTopics(questions, clustering, { now, days: run.windowDays })
    .filter((topic, rank) => rank < MAX_TOPICS || topic.isNew || topic.isSpike)
    .slice(0, 2 * MAX_TOPICS);
  const entries = await ctx.store.knowledge.list(run.workspaceId);
  const entryIds = new Set(entries.map((e) => e.id));
  const links = await repo.links(run.workspaceId);
  const best = await bestEntryOf(ctx, run.workspaceId);
  for (const [i, topic] of topics.entries()) {
    topic.coveredBy = coveringEntry(topic, links, entryIds, best);
    // the matcher runs on the thread that answers customers: let them in between topics
    if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
  }
  const quality: DemandQualityInput[] = [...collected.quality].map(([key, counts]) => ({
    kind: entryIds.has(key) ? 'entry' : key.startsWith(FLOW) ? 'flow' : 'intent',
    key,
    ...counts,
  }));
  await repo.finishRun(run, { questions: questions.length, topics, quality });
}
