import { analyticsRetentionRepository, type Db } from '@tandem/storage';

/** How often a workspace with a retention period is purged. */
export const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Conversations deleted per statement (a long purge never holds locks long). */
const PURGE_BATCH = 500;
export const RETENTION_MIN_DAYS = 7;
export const RETENTION_MAX_DAYS = 3650;

/**
 * The purge job: claims the workspaces whose purge is due (a compare-and-set on their timer in the
 * database, so one process purges each, once, also after a restart) and deletes everything older than their
 * period: conversations with their messages, events and attachments, analytics facts and rollups, tickets,
 * contacts with nothing left. Returns the number of records deleted per workspace.
 */
export async function purgeDue(db: Db, now: Date = new Date()): Promise<Map<string, number>> {
  const repo = analyticsRetentionRepository(db);
  const done = new Map<string, number>();
  for (const { workspaceId, retentionDays } of await repo.claimDue(
    now,
    new Date(now.getTime() + PURGE_EVERY_MS),
  )) {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    let purged = 0;
    for (;;) {
      const n = await repo.purgeConversations(workspaceId, cutoff, PURGE_BATCH);
      purged += n;
      if (n < PURGE_BATCH) break;
    }
    purged += await repo.purgeRest(workspaceId, cutoff);
    await repo.recordPurge(workspaceId, now, purged);
    done.set(workspaceId, purged);
  }
  return done;
}
