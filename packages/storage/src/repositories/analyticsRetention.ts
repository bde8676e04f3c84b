import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface RetentionSetting {
  retentionDays: number | null;
  lastPurgeAt: Date | null;
  lastPurged: number;
  nextPurgeAt: Date | null;
}

/** A timer in the past: due on the next tick. */
const DUE_NOW = new Date(0);

const at = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);

/**
 * Data retention: a workspace's period, and the purge that deletes what is older. The purge timer is a column
 * (`next_purge_at`) claimed by a compare-and-set, so it runs once across processes and survives restarts.
 */
export function analyticsRetentionRepository(db: Db) {
  return {
    async get(workspaceId: string): Promise<RetentionSetting> {
      const row = await db
        .selectFrom('data_retention')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return row
        ? {
            retentionDays: row.retention_days,
            lastPurgeAt: at(row.last_purge_at),
            lastPurged: row.last_purged,
            nextPurgeAt: at(row.next_purge_at),
          }
        : { retentionDays: null, lastPurgeAt: null, lastPurged: 0, nextPurgeAt: null };
    },

    /** Sets (or with null removes) the period; a new period is purged on the next tick. */
    async set(workspaceId: string, days: number | null): Promise<void> {
      if (days === null) {
        await db.deleteFrom('data_retention').where('workspace_id', '=', workspaceId).execute();
        return;
      }
      await db
        .insertInto('data_retention')
        .values({ workspace_id: workspaceId, retention_days: days, next_purge_at: DUE_NOW })
        .onConflict((oc) =>
          oc.column('workspace_id').doUpdateSet({
            retention_days: days,
            next_purge_at: DUE_NOW,
            updated_at: new Date(),
          }),
        )
        .execute();
    },

    /** Claims the workspaces whose purge is due, moving their timer to `next` (once across processes). */
    async claimDue(now: Date, next: Date): Promise<Array<{ workspaceId: string; retentionDays: number }>> {
      const rows = await db
        .updateTable('data_retention')
        .set({ next_purge_at: next })
        .where('next_purge_at', '<=', now)
        .returning(['workspace_id', 'retention_days'])
        .execute();
      return rows.map((r) => ({ workspaceId: r.workspace_id, retentionDays: r.retention_days }));
    },

    /**
     * Deletes up to `limit` ended conversations (messages, events, attachments with them) with no activity
     * since `cutoff`, and their facts; their hours' rollups are recomputed. Open ones (with the bot, queued or
     * with a person) are kept until they end. Returns how many were deleted.
     */
    async purgeConversations(workspaceId: string, cutoff: Date, limit: number): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const gone = await sql<{ id: string }>`
          delete from conversations where id in (
            select id from conversations where workspace_id = ${workspaceId} and updated_at < ${cutoff}
              and status in ('resolved', 'closed')
            order by updated_at limit ${limit})
          returning id`.execute(tx);
        const ids = gone.rows.map((r) => r.id);
        if (ids.length > 0) {
          const facts = await tx
            .deleteFrom('analytics_conversations')
            .where('conversation_id', 'in', ids)
            .returning(['workspace_id', 'hour'])
            .execute();
          const hours = new Map(facts.map((f) => [String(at(f.hour)?.getTime()), at(f.hour) as Date]));
          if (hours.size > 0)
            await tx
              .insertInto('analytics_dirty_hours')
              .values([...hours.values()].map((hour) => ({ workspace_id: workspaceId, hour })))
              .onConflict((oc) => oc.columns(['workspace_id', 'hour']).doNothing())
              .execute();
        }
        return ids.length;
      });
    },

    /**
     * What else is older than `cutoff`: tickets (a customer's name, e-mail, phone), contacts with nothing
     * left, facts whose conversation is gone, rollups of hours before it (recomputed from the facts of the
     * conversations kept), and demand mining's results: runs started before it (with their topics and
     * answer-quality counts), topics holding questions from before it, taught phrasings linked before it.
     * Returns the number of records deleted.
     */
    async purgeRest(workspaceId: string, cutoff: Date): Promise<number> {
      const cutoffHour = new Date(Math.floor(cutoff.getTime() / 3_600_000) * 3_600_000);
      return db.transaction().execute(async (tx) => {
        const tickets = await tx
          .deleteFrom('tickets')
          .where('workspace_id', '=', workspaceId)
          .where('updated_at', '<', cutoff)
          .executeTakeFirst();
        const contacts = await sql`
          delete from contacts ct where ct.workspace_id = ${workspaceId} and ct.last_seen_at < ${cutoff}
            and not exists (select 1 from conversations c where c.contact_id = ct.id)
            and not exists (select 1 from tickets t where t.contact_id = ct.id)`.execute(tx);
        // facts go with their conversations (an old one still open keeps its fact, as it keeps its rows)
        await sql`
          delete from analytics_conversations f where f.workspace_id = ${workspaceId} and f.started_at < ${cutoff}
            and not exists (select 1 from conversations c where c.id = f.conversation_id)`.execute(tx);
        for (const table of ['analytics_hourly', 'analytics_agent_hourly', 'analytics_hour_totals'])
          await sql`delete from ${sql.table(table)} where workspace_id = ${workspaceId} and hour < ${cutoffHour}`.execute(
            tx,
          );
        // the hour the cutoff falls in, and the hours of the facts kept before it, are recomputed from facts
        await sql`
          insert into analytics_dirty_hours (workspace_id, hour)
          select ${workspaceId}::uuid, ${cutoffHour}::timestamptz
          union
          select distinct workspace_id, hour from analytics_conversations
          where workspace_id = ${workspaceId} and hour < ${cutoffHour}
          on conflict (workspace_id, hour) do nothing`.execute(tx);
        const runs = await tx
          .deleteFrom('demand_runs')
          .where('workspace_id', '=', workspaceId)
          .where('started_at', '<', cutoff)
          .where('status', '<>', 'running')
          .executeTakeFirst();
        const topics = await tx
          .deleteFrom('demand_topics')
          .where('workspace_id', '=', workspaceId)
          .where('first_at', '<', cutoff)
          .executeTakeFirst();
        const links = await tx
          .deleteFrom('demand_links')
          .where('workspace_id', '=', workspaceId)
          .where('created_at', '<', cutoff)
          .executeTakeFirst();
        return (
          Number(tickets.numDeletedRows) +
          Number(contacts.numAffectedRows ?? 0) +
          Number(runs.numDeletedRows) +
          Number(topics.numDeletedRows) +
          Number(links.numDeletedRows)
        );
      });
    },

    async recordPurge(workspaceId: string, now: Date, purged: number): Promise<void> {
      await db
        .updateTable('data_retention')
        .set({ last_purge_at: now, last_purged: purged })
        .where('workspace_id', '=', workspaceId)
        .execute();
    },
  };
}

export type AnalyticsRetentionRepository = ReturnType<typeof analyticsRetentionRepository>;
