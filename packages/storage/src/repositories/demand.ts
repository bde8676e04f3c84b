import { randomUUID } from 'node:crypto';
import type { Message } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json, toMessage } from './mappers.ts';

export type DemandRunStatus = 'running' | 'done' | 'failed';

export interface DemandRunRecord {
  id: string;
  workspaceId: string;
  status: DemandRunStatus;
  windowDays: number;
  questions: number;
  topics: number;
  error: string | null;
  /** when it was requested, then when its execution began */
  startedAt: Date;
  /** renewed while the process holding it is alive */
  heartbeatAt: Date;
  finishedAt: Date | null;
}

export interface DemandTopicInput {
  title: string;
  keywords: string[];
  questions: number;
  recent: number;
  previous: number;
  trend: number[];
  representatives: string[];
  phrasings: string[];
  teams: Array<{ teamId: string; count: number }>;
  answers: Array<{ text: string; count: number }>;
  isNew: boolean;
  isSpike: boolean;
  coveredBy: string | null;
  firstAt: Date;
  lastAt: Date;
}

export interface DemandTopicRecord extends DemandTopicInput {
  id: string;
  runId: string;
  rank: number;
}

export interface DemandQualityInput {
  kind: 'entry' | 'flow' | 'intent';
  key: string;
  matched: number;
  handoffs: number;
  repeats: number;
  negatives: number;
  failures: number;
}

/** A conversation as demand mining reads it: its team and its messages in order (notes and notices left out). */
export interface MinedConversation {
  id: string;
  updatedAt: Date;
  teamId: string | null;
  handoffReason: string | null;
  messages: Message[];
}

const toRun = (row: {
  id: string;
  workspace_id: string;
  status: DemandRunStatus;
  window_days: number;
  questions: number;
  topics: number;
  error: string | null;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
}): DemandRunRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  status: row.status,
  windowDays: row.window_days,
  questions: row.questions,
  topics: row.topics,
  error: row.error,
  startedAt: row.started_at,
  heartbeatAt: row.heartbeat_at,
  finishedAt: row.finished_at,
});

/** Demand mining's runs, topics, links and answer quality (015_demand). */
export function demandRepository(db: Db) {
  return {
    /** Starts a run unless one is in progress (then null): the partial unique index decides, across processes. */
    async startRun(
      workspaceId: string,
      requestedBy: string | null,
      windowDays: number,
    ): Promise<DemandRunRecord | null> {
      const row = await db
        .insertInto('demand_runs')
        .values({
          id: randomUUID(),
          workspace_id: workspaceId,
          status: 'running',
          requested_by: requestedBy,
          window_days: windowDays,
        })
        .onConflict((oc) => oc.column('workspace_id').where('status', '=', 'running').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toRun(row) : null;
    },

    async latestRun(workspaceId: string): Promise<DemandRunRecord | null> {
      const row = await db
        .selectFrom('demand_runs')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRun(row) : null;
    },

    /** The newest finished run, whose results are shown (a run in progress or failed leaves them as they were). */
    async latestDoneRun(workspaceId: string): Promise<DemandRunRecord | null> {
      const row = await db
        .selectFrom('demand_runs')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'done')
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRun(row) : null;
    },

    async failRun(runId: string, error: string): Promise<void> {
      await db
        .updateTable('demand_runs')
        .set({ status: 'failed', error: error.slice(0, 500), finished_at: new Date() })
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .execute();
    },

    /** Its execution begins now (a run may wait behind other workspaces' runs in its process). */
    async beginRun(runId: string): Promise<void> {
      await db
        .updateTable('demand_runs')
        .set({ started_at: sql`now()`, heartbeat_at: sql`now()` })
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .execute();
    },

    /** The process holding these runs (queued or executing) is alive. */
    async beat(runIds: string[]): Promise<void> {
      if (runIds.length === 0) return;
      await db
        .updateTable('demand_runs')
        .set({ heartbeat_at: sql`now()` })
        .where('id', 'in', runIds)
        .where('status', '=', 'running')
        .execute();
    },

    /** Runs left "running" by a process that stopped (no heartbeat since `beatBefore`): failed, so a new one may start. */
    async failAbandonedRuns(beatBefore: Date): Promise<number> {
      const rows = await db
        .updateTable('demand_runs')
        .set({ status: 'failed', error: 'interrupted (the server stopped)', finished_at: new Date() })
        .where('status', '=', 'running')
        .where('heartbeat_at', '<', beatBefore)
        .returning('id')
        .execute();
      return rows.length;
    },

    /** Stores a run's results and marks it done, in one transaction; older runs' results are dropped. */
    async finishRun(
      run: DemandRunRecord,
      result: { questions: number; topics: DemandTopicInput[]; quality: DemandQualityInput[] },
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable('demand_runs')
          .set({
            status: 'done',
            questions: result.questions,
            topics: result.topics.length,
            finished_at: new Date(),
          })
          .where('id', '=', run.id)
          .where('status', '=', 'running')
          .returning('id')
          .executeTakeFirst();
        if (!done) return;
        const topicRows = result.topics.map((t, rank) => ({
          id: randomUUID(),
          run_id: run.id,
          workspace_id: run.workspaceId,
          rank,
          title: t.title,
          keywords: JSON.stringify(t.keywords),
          questions: t.questions,
          recent: t.recent,
          previous: t.previous,
          trend: JSON.stringify(t.trend),
          representatives: JSON.stringify(t.representatives),
          phrasings: JSON.stringify(t.phrasings),
          teams: JSON.stringify(t.teams),
          answers: JSON.stringify(t.answers),
          is_new: t.isNew,
          is_spike: t.isSpike,
          covered_by: t.coveredBy,
          first_at: t.firstAt,
          last_at: t.lastAt,
        }));
        for (let i = 0; i < topicRows.length; i += 200)
          await trx
            .insertInto('demand_topics')
            .values(topicRows.slice(i, i + 200))
            .execute();
        const qualityRows = result.quality.map((q) => ({
          run_id: run.id,
          workspace_id: run.workspaceId,
          ...q,
        }));
        for (let i = 0; i < qualityRows.length; i += 500)
          await trx
            .insertInto('demand_quality')
            .values(qualityRows.slice(i, i + 500))
            .execute();
        // only the newest results are read: older runs keep their row (history of runs), not their topics
        await trx
          .deleteFrom('demand_topics')
          .where('workspace_id', '=', run.workspaceId)
          .where('run_id', '<>', run.id)
          .execute();
        await trx
          .deleteFrom('demand_quality')
          .where('workspace_id', '=', run.workspaceId)
          .where('run_id', '<>', run.id)
          .execute();
      });
    },

    async topics(runId: string): Promise<DemandTopicRecord[]> {
      const rows = await db
        .selectFrom('demand_topics')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('rank')
        .execute();
      return rows.map(toTopic);
    },

    async topic(workspaceId: string, topicId: string): Promise<DemandTopicRecord | null> {
      const row = await db
        .selectFrom('demand_topics')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', topicId)
        .executeTakeFirst();
      return row ? toTopic(row) : null;
    },

    /** Marks a topic covered by an entry and remembers its phrasings for later runs. */
    async linkTopic(
      workspaceId: string,
      topicId: string,
      entryId: string,
      phrasingKeys: string[],
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('demand_topics')
          .set({ covered_by: entryId })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', topicId)
          .execute();
        const keys = [...new Set(phrasingKeys)].slice(0, 500);
        if (keys.length === 0) return;
        await trx
          .insertInto('demand_links')
          .values(keys.map((phrasing) => ({ workspace_id: workspaceId, phrasing, entry_id: entryId })))
          .onConflict((oc) =>
            oc
              .columns(['workspace_id', 'phrasing'])
              .doUpdateSet({ entry_id: sql`excluded.entry_id`, created_at: sql`now()` }),
          )
          .execute();
      });
    },

    /** Phrasing key → entry id, of the workspace's taught phrasings. */
    async links(workspaceId: string): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('demand_links')
        .select(['phrasing', 'entry_id'])
        .where('workspace_id', '=', workspaceId)
        .execute();
      return new Map(rows.map((r) => [r.phrasing, r.entry_id]));
    },

    async quality(runId: string): Promise<DemandQualityInput[]> {
      const rows = await db
        .selectFrom('demand_quality')
        .select(['kind', 'key', 'matched', 'handoffs', 'repeats', 'negatives', 'failures'])
        .where('run_id', '=', runId)
        .execute();
      return rows;
    },

    /**
     * A page of the workspace's conversations changed since `since`, newest first, with their messages in
     * order: keyset paging on (updated_at, id) before `before` (the last page's last one), served by the
     * index on (workspace_id, updated_at desc, id desc), so each page reads only its own rows.
     */
    async conversationsPage(
      workspaceId: string,
      since: Date,
      before: { updatedAt: Date; id: string } | null,
      limit: number,
    ): Promise<MinedConversation[]> {
      let query = db
        .selectFrom('conversations')
        .select(['id', 'updated_at', 'team_id', 'handoff_reason'])
        .where('workspace_id', '=', workspaceId)
        .where('updated_at', '>=', since)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      if (before)
        query = query.where(
          sql<boolean>`(updated_at, id) < (${before.updatedAt}::timestamptz, ${before.id}::uuid)`,
        );
      const conversations = await query.execute();
      if (conversations.length === 0) return [];
      const messages = await db
        .selectFrom('messages')
        .selectAll()
        .where(
          'conversation_id',
          'in',
          conversations.map((c) => c.id),
        )
        .where('author_kind', '<>', 'system')
        .orderBy('conversation_id')
        .orderBy('seq')
        .execute();
      const byConversation = new Map<string, Message[]>();
      for (const row of messages) {
        const list = byConversation.get(row.conversation_id) ?? [];
        list.push(toMessage(row));
        byConversation.set(row.conversation_id, list);
      }
      return conversations.map((c) => ({
        id: c.id,
        updatedAt: c.updated_at instanceof Date ? c.updated_at : new Date(c.updated_at),
        teamId: c.team_id,
        handoffReason: c.handoff_reason,
        messages: byConversation.get(c.id) ?? [],
      }));
    },
  };
}

export type DemandRepository = ReturnType<typeof demandRepository>;

function toTopic(row: {
  id: string;
  run_id: string;
  rank: number;
  title: string;
  keywords: unknown;
  questions: number;
  recent: number;
  previous: number;
  trend: unknown;
  representatives: unknown;
  phrasings: unknown;
  teams: unknown;
  answers: unknown;
  is_new: boolean;
  is_spike: boolean;
  covered_by: string | null;
  first_at: Date;
  last_at: Date;
}): DemandTopicRecord {
  return {
    id: row.id,
    runId: row.run_id,
    rank: row.rank,
    title: row.title,
    keywords: json(row.keywords),
    questions: row.questions,
    recent: row.recent,
    previous: row.previous,
    trend: json(row.trend),
    representatives: json(row.representatives),
    phrasings: json(row.phrasings),
    teams: json(row.teams),
    answers: json(row.answers),
    isNew: row.is_new,
    isSpike: row.is_spike,
    coveredBy: row.covered_by,
    firstAt: row.first_at,
    lastAt: row.last_at,
  };
}
