import { analyticsRepository, type Db } from '@tandem/storage';
import { computeFact } from './facts.ts';

/** Conversations read per batch when facts are recomputed. */
const BATCH = 200;
/** The sweep re-reads conversations changed this long before its mark (transactions that committed late). */
export const SWEEP_MARGIN_MS = 120_000;

/**
 * Keeps the analytics facts and rollups: `touch` notes a changed conversation (from an event), `flush`
 * recomputes the noted conversations' facts, decides provisional bot resolutions and refreshes the rollups of
 * the hours that changed; `sweep` is the durable backstop that reads every conversation changed since its mark
 * in the database (after a crash, or a change that published no event). All of it is idempotent.
 */
export function createAnalyticsUpdater(db: Db, now: () => Date = () => new Date()) {
  const repo = analyticsRepository(db);
  const pending = new Set<string>();

  async function recompute(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      const sources = await repo.factSources(ids.slice(i, i + BATCH));
      await repo.upsertFacts(sources.map(computeFact));
    }
  }

  async function refresh(): Promise<void> {
    await repo.finalise(now());
    while ((await repo.refreshRollups()) > 0);
  }

  return {
    touch(conversationId: string): void {
      pending.add(conversationId);
    },
    get pendingCount() {
      return pending.size;
    },
    async flush(): Promise<void> {
      const ids = [...pending];
      pending.clear();
      try {
        await recompute(ids);
      } catch (error) {
        for (const id of ids) pending.add(id);
        throw error;
      }
      await refresh();
    },
    /** Reads what changed since the mark, a page at a time; returns how many conversations it recomputed. */
    async sweep(): Promise<number> {
      let total = 0;
      let after: { updatedAt: Date; id: string } | null = null;
      for (;;) {
        const changed = await repo.changedSince(SWEEP_MARGIN_MS, after, BATCH * 5);
        if (changed.length === 0) break;
        await recompute(changed.map((c) => c.id));
        total += changed.length;
        after = changed.at(-1) as { updatedAt: Date; id: string };
        await repo.markSwept(after.updatedAt);
        if (changed.length < BATCH * 5) break;
      }
      await refresh();
      return total;
    },
  };
}

export type AnalyticsUpdater = ReturnType<typeof createAnalyticsUpdater>;
