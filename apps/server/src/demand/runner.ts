import { clusterInWorker } from '@tandem/engine';
import { type Db, type DemandQualityInput, type DemandRunRecord, demandRepository } from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';
import { type Collected, collect } from './collect.ts';
import { type BestEntry, coveringEntry } from './coverage.ts';
import { buildTopics } from './topics.ts';

/** Days of conversations a run reads by default (at most `MAX_WINDOW_DAYS` of @tandem/protocol). */
export const WINDOW_DAYS = 30;
/** The most recent questions a run clusters at most (50,000 take well under a minute). */
export const MAX_QUESTIONS = 50_000;
/** Results older than this are refreshed when someone looks at them. */
export const REFRESH_MS = 24 * 3_600_000;
/** Topics kept per run: the largest, plus new and spiking ones beyond them (up to twice as many in all). */
export const MAX_TOPICS = 500;
/** A run "running" without a heartbeat for this long was left by a process that stopped. */
export const ABANDONED_MS = 15 * 60_000;
/** How often the process renews the heartbeat of the runs it holds (queued or executing). */
const HEARTBEAT_MS = 60_000;
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
  const held = new Set<string>();
  let heartbeat: NodeJS.Timeout | null = null;
  const hold = (runId: string) => {
    held.add(runId);
    if (heartbeat) return;
    heartbeat = setInterval(() => {
      repo
        .beat([...held])
        .catch((error: unknown) => ctx.log.warn({ err: safeError(error) }, 'demand run heartbeat failed'));
    }, HEARTBEAT_MS);
    heartbeat.unref();
  };
  const release = (runId: string) => {
    held.delete(runId);
    if (held.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
  };
  return {
    async start(workspaceId, requestedBy, windowDays = WINDOW_DAYS) {
      await repo.failAbandonedRuns(new Date(Date.now() - ABANDONED_MS));
      const run = await repo.startRun(workspaceId, requestedBy, windowDays);
      if (!run) {
        const current = await repo.latestRun(workspaceId);
        if (current) return { run: current, started: false };
        throw new Error('a demand run is in progress but could not be read');
      }
      hold(run.id);
      queue = queue.then(() =>
        repo
          .beginRun(run.id)
          .then(() => execute(ctx, run))
          .catch(async (error: unknown) => {
            ctx.log.error({ err: safeError(error), workspaceId, runId: run.id }, 'demand mining run failed');
            await repo
              .failRun(run.id, error instanceof Error ? error.message : String(error))
              .catch(() => undefined);
          })
          .finally(() => release(run.id)),
      );
      return { run, started: true };
    },
    idle: () => queue,
  };
}

/**
 * The window's questions, newest conversations first, a page at a time; reading stops once `MAX_QUESTIONS`
 * are collected (the answer-quality counts then cover the same most recent conversations).
 */
export async function readQuestions(
  db: Db,
  workspaceId: string,
  since: Date,
  limits: { max: number; page: number } = { max: MAX_QUESTIONS, page: PAGE },
): Promise<Collected> {
  const repo = demandRepository(db);
  const collected: Collected = { questions: [], quality: new Map() };
  let before: { updatedAt: Date; id: string } | null = null;
  while (collected.questions.length < limits.max) {
    const page = await repo.conversationsPage(workspaceId, since, before, limits.page);
    if (page.length === 0) break;
    collect(page, since, collected);
    const last = page.at(-1) as (typeof page)[number];
    before = { updatedAt: last.updatedAt, id: last.id };
    if (page.length < limits.page) break;
  }
  if (collected.questions.length > limits.max) {
    collected.questions.sort((a, b) => b.at.getTime() - a.at.getTime());
    collected.questions.length = limits.max;
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
  const collected = await readQuestions(ctx.store.db, run.workspaceId, since);
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
