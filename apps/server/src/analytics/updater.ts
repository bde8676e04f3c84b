import { analyticsRepository, type Db } from '@tandem/storage';
import { computeFact } from './facts.ts';

/** Conversations read per batch when facts are recomputed. */
const BATCH = 200;
/** Conversations the sweep reads per page. */
const SWEEP_PAGE = BATCH * 5;
/** Pages one sweep pass reads at most (a backfill after an upgrade continues over the next passes). */
export const SWEEP_PAGES = 5;
/** Noted conversations one flush recomputes at most (the rest wait for the next flush). */
const FLUSH_MAX = 2_000;
/** Rollup hours one pass recomputes at most (the next pass goes on). */
const ROLLUP_HOURS_PER_PASS = 1000;
/** The sweep re-reads conversations changed this long before its mark (transactions that committed late). */
export const SWEEP_MARGIN_MS = 120_000;

export interface UpdaterOptions {
  /** An hour's rollups are recomputed at most this often (its first change waits this long); 0 = at once. */
  rollupDelayMs?: number;
  /** Pages one sweep pass reads at most. */
  sweepPages?: number;
  /** Conversations per sweep page. */
  sweepPage?: number;
  /** Noted conversations one flush recomputes at most. */
  flushMax?: number;
}

/**
 * Keeps the analytics facts and rollups: `touch` notes a changed conversation (from an event), `flush`
 * recomputes the noted conversations' facts (deciding repeat contacts as it writes them) and refreshes the
 * rollups of the hours whose facts changed; `sweep` is the durable backstop that reads the conversations
 * changed since its mark in the database (after a crash, a change that published no event, or the history of
 * an upgraded installation, a budget of pages per pass) and resolves the bot resolutions 24 hours old. All
 * of it is idempotent.
 */
export function createAnalyticsUpdater(
  db: Db,
  now: () => Date = () => new Date(),
  options: UpdaterOptions = {},
) {
  const repo = analyticsRepository(db);
  const pending = new Set<string>();
  const rollupDelayMs = options.rollupDelayMs ?? 0;
  const sweepPages = options.sweepPages ?? SWEEP_PAGES;
  const sweepPage = options.sweepPage ?? SWEEP_PAGE;
  const flushMax = options.flushMax ?? FLUSH_MAX;
  // where a pass that ran out of budget stopped: the next one goes on from there (not from the mark minus
  // the margin, which a busy installation could fill with more than a pass's budget)
  let resumeAfter: { updatedAt: Date; id: string } | null = null;

  async function recompute(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      const sources = await repo.factSources(ids.slice(i, i + BATCH));
      await repo.upsertFacts(sources.map(computeFact));
    }
  }

  async function refreshRollups(): Promise<void> {
    for (let done = 0; done < ROLLUP_HOURS_PER_PASS; ) {
      const n = await repo.refreshRollups(200, rollupDelayMs);
      if (n === 0) break;
      done += n;
    }
  }

  return {
    touch(conversationId: string): void {
      pending.add(conversationId);
    },
    get pendingCount() {
      return pending.size;
    },
    /** Recomputes up to `flushMax` noted conversations (see `pendingCount` for the rest) and due rollups. */
    async flush(): Promise<void> {
      const ids: string[] = [];
      for (const id of pending) {
        if (ids.length === flushMax) break;
        ids.push(id);
      }
      for (const id of ids) pending.delete(id);
      try {
        await recompute(ids);
      } catch (error) {
        for (const id of ids) pending.add(id);
        throw error;
      }
      await refreshRollups();
    },
    /**
     * Reads what changed since the mark, a page at a time, at most `sweepPages` pages, and recomputes the
     * facts that are missing or behind their conversation; returns how many it recomputed and whether more
     * are waiting (the caller sweeps again soon).
     */
    async sweep(): Promise<{ recomputed: number; more: boolean }> {
      let recomputed = 0;
      let more = false;
      let after = resumeAfter;
      for (let page = 0; ; page++) {
        if (page === sweepPages) {
          more = true;
          break;
        }
        const changed = await repo.changedSince(SWEEP_MARGIN_MS, after, sweepPage);
        if (changed.length === 0) break;
        // only facts behind their conversation are recomputed; the mark moves over every conversation read
        const stale = changed.filter((c) => c.stale).map((c) => c.id);
        await recompute(stale);
        recomputed += stale.length;
        after = changed.at(-1) as { updatedAt: Date; id: string };
        await repo.markSwept(after.updatedAt);
        if (changed.length < sweepPage) break;
      }
      resumeAfter = more ? after : null;
      await repo.finalise(now());
      await refreshRollups();
      return { recomputed, more };
    },
  };
}

export type AnalyticsUpdater = ReturnType<typeof createAnalyticsUpdater>;
