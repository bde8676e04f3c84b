import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

/** What a conversation's fact row is computed from (see apps/server/src/analytics/facts.ts). */
export interface FactSource {
  id: string;
  workspaceId: string;
  contactId: string;
  channel: string;
  status: string;
  teamId: string | null;
  lastAgentId: string | null;
  assigneeId: string | null;
  handoffReason: string | null;
  emotion: unknown;
  csat: number | null;
  firstResponseAt: Date | null;
  slaDue: boolean;
  slaFlags: string[];
  resolvedAt: Date | null;
  createdAt: Date;
  /** the conversation's version read: its `updated_at` as the database writes it (to the microsecond) */
  version: string;
  contactLang: string | null;
  /** status changes, oldest first */
  events: Array<{ type: string; fromStatus: string | null; toStatus: string | null; at: Date }>;
  /** the bot's replies, oldest first */
  botReplies: Array<{ kind: string; intent: string | null }>;
}

/** One conversation as analytics counts it (docs/metrics.md). Dimensions are '' for none. */
export interface ConversationFact {
  conversationId: string;
  workspaceId: string;
  contactId: string;
  startedAt: Date;
  endedAt: Date | null;
  channel: string;
  lang: string;
  teamId: string;
  agentId: string;
  intent: string;
  reason: string;
  emotion: string;
  queued: boolean;
  assigned: boolean;
  transfers: number;
  frtS: number | null;
  waitS: number | null;
  handleS: number | null;
  csat: number | null;
  slaMet: boolean | null;
  botReplies: number;
  oosReplies: number;
  botOutcome: '' | 'pending' | 'resolved' | 'unresolved';
  /** the conversation's version it was computed from (`FactSource.version`); none for facts written directly */
  sourceVersion?: string | null;
}

const at = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);
const hourOf = (date: Date) => new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);

/** How long after it ended a bot's resolution stays provisional (a repeat contact may still undo it). */
export const REPEAT_WINDOW_HOURS = 24;

/** Rollup counters, each the sum of one expression over a group of fact rows. */
const ROLLUP_SUMS = `
  count(*) as conversations,
  count(ended_at) as ended,
  count(*) filter (where queued) as queued,
  count(*) filter (where assigned) as assigned,
  count(*) filter (where transfers > 0) as transferred,
  coalesce(sum(transfers), 0) as transfers,
  count(*) filter (where bot_outcome = 'resolved') as bot_resolved,
  count(*) filter (where bot_outcome = 'unresolved') as bot_unresolved,
  count(*) filter (where bot_outcome = 'pending') as bot_pending,
  coalesce(sum(frt_s), 0) as frt_sum, count(frt_s) as frt_n,
  coalesce(sum(wait_s), 0) as wait_sum, count(wait_s) as wait_n,
  coalesce(sum(handle_s), 0) as handle_sum, count(handle_s) as handle_n,
  count(*) filter (where csat = 1) as csat_1, count(*) filter (where csat = 2) as csat_2,
  count(*) filter (where csat = 3) as csat_3, count(*) filter (where csat = 4) as csat_4,
  count(*) filter (where csat = 5) as csat_5,
  count(sla_met) as sla_n, count(*) filter (where sla_met) as sla_met,
  coalesce(sum(bot_replies), 0) as bot_replies, coalesce(sum(oos_replies), 0) as oos_replies`;
export const ROLLUP_COLUMNS = [
  'conversations',
  'ended',
  'queued',
  'assigned',
  'transferred',
  'transfers',
  'bot_resolved',
  'bot_unresolved',
  'bot_pending',
  'frt_sum',
  'frt_n',
  'wait_sum',
  'wait_n',
  'handle_sum',
  'handle_n',
  'csat_1',
  'csat_2',
  'csat_3',
  'csat_4',
  'csat_5',
  'sla_n',
  'sla_met',
  'bot_replies',
  'oos_replies',
] as const;
const COLUMN_LIST = ROLLUP_COLUMNS.join(', ');

/** The values counted per column in `analytics_hour_totals` ('' is the column `e_none`). */
export const TOTAL_REASONS = [
  'customer_request',
  'keyword',
  'repeated_miss',
  'rule',
  'emotion',
  'flow',
  'human_first',
] as const;
export const TOTAL_EMOTIONS = [
  'anger',
  'disgust',
  'fear',
  'joy',
  'sadness',
  'surprise',
  'neutral',
  '',
] as const;
export const totalsColumn = (kind: 'reason' | 'emotion', value: string) =>
  kind === 'reason' ? `r_${value}` : `e_${value || 'none'}`;
const TOTALS_LIST = [
  ...TOTAL_REASONS.map((r) => totalsColumn('reason', r)),
  ...TOTAL_EMOTIONS.map((e) => totalsColumn('emotion', e)),
];
const TOTALS_SUMS = [
  ...TOTAL_REASONS.map((r) => `count(*) filter (where reason = '${r}') as ${totalsColumn('reason', r)}`),
  ...TOTAL_EMOTIONS.map((e) => `count(*) filter (where emotion = '${e}') as ${totalsColumn('emotion', e)}`),
].join(', ');

/**
 * Facts and rollups: the analytics listener computes each changed conversation's fact row, and the hours
 * whose facts changed have their rollups recomputed from the facts (idempotent: replaying an event, or
 * sweeping a conversation again, rewrites the same rows).
 */
export function analyticsRepository(db: Db) {
  const markDirty = async (executor: Db, hours: Array<{ workspaceId: string; hour: Date }>) => {
    const seen = new Map<string, { workspace_id: string; hour: Date }>();
    for (const { workspaceId, hour } of hours)
      seen.set(`${workspaceId}|${hour.getTime()}`, { workspace_id: workspaceId, hour });
    if (seen.size === 0) return;
    await executor
      .insertInto('analytics_dirty_hours')
      .values([...seen.values()])
      .onConflict((oc) => oc.columns(['workspace_id', 'hour']).doNothing())
      .execute();
  };

  return {
    /** Everything the facts of these conversations are computed from (3 statements, whatever their number). */
    async factSources(ids: string[]): Promise<FactSource[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('conversations as c')
        .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
        .select([
          'c.id',
          'c.workspace_id',
          'c.contact_id',
          'c.channel',
          'c.status',
          'c.team_id',
          'c.last_agent_id',
          'c.assignee_id',
          'c.handoff_reason',
          'c.emotion',
          'c.csat_score',
          'c.first_response_at',
          'c.first_response_due_at',
          'c.resolution_due_at',
          'c.sla_flags',
          'c.resolved_at',
          'c.created_at',
          // the version read, exactly (a JavaScript date would drop its microseconds)
          sql<string>`c.updated_at::text`.as('version'),
          'ct.lang',
        ])
        .where('c.id', 'in', ids)
        .execute();
      const events = await db
        .selectFrom('conversation_events')
        .select(['conversation_id', 'type', 'from_status', 'to_status', 'created_at'])
        .where('conversation_id', 'in', ids)
        .where('to_status', 'is not', null)
        .where('type', 'not in', ['offer', 'offer_declined', 'offer_expired', 'offer_withdrawn', 'rate'])
        .orderBy('id')
        .execute();
      const replies = await db
        .selectFrom('messages')
        .select([
          'conversation_id',
          sql<string>`meta->>'kind'`.as('kind'),
          sql<string | null>`meta->>'intent'`.as('intent'),
        ])
        .where('conversation_id', 'in', ids)
        .where('author_kind', '=', 'bot')
        .where(sql<boolean>`meta->>'kind' is not null`)
        .orderBy('conversation_id')
        .orderBy('seq')
        .execute();
      const byId = new Map<string, FactSource>();
      for (const row of rows) {
        byId.set(row.id, {
          id: row.id,
          workspaceId: row.workspace_id,
          contactId: row.contact_id,
          channel: row.channel,
          status: row.status,
          teamId: row.team_id,
          lastAgentId: row.last_agent_id,
          assigneeId: row.assignee_id,
          handoffReason: row.handoff_reason,
          emotion: json(row.emotion),
          csat: row.csat_score,
          firstResponseAt: at(row.first_response_at),
          slaDue: row.first_response_due_at !== null || row.resolution_due_at !== null,
          slaFlags: json<string[]>(row.sla_flags) ?? [],
          resolvedAt: at(row.resolved_at),
          createdAt: at(row.created_at) as Date,
          version: row.version,
          contactLang: row.lang,
          events: [],
          botReplies: [],
        });
      }
      for (const e of events)
        byId.get(e.conversation_id)?.events.push({
          type: e.type,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          at: at(e.created_at) as Date,
        });
      for (const r of replies)
        byId.get(r.conversation_id)?.botReplies.push({ kind: r.kind, intent: r.intent });
      return [...byId.values()];
    },

    /** Writes fact rows (insert or replace) and marks their hours for the rollups, in one transaction. */
    async upsertFacts(facts: ConversationFact[]): Promise<void> {
      if (facts.length === 0) return;
      const rows = facts.map((f) => ({
        conversation_id: f.conversationId,
        workspace_id: f.workspaceId,
        contact_id: f.contactId,
        hour: hourOf(f.startedAt),
        started_at: f.startedAt,
        ended_at: f.endedAt,
        channel: f.channel,
        lang: f.lang,
        team_id: f.teamId,
        agent_id: f.agentId,
        intent: f.intent,
        reason: f.reason,
        emotion: f.emotion,
        queued: f.queued,
        assigned: f.assigned,
        transfers: f.transfers,
        frt_s: f.frtS,
        wait_s: f.waitS,
        handle_s: f.handleS,
        csat: f.csat,
        sla_met: f.slaMet,
        bot_replies: f.botReplies,
        oos_replies: f.oosReplies,
        bot_outcome: f.botOutcome,
        updated_at: new Date(),
        source_updated_at: f.sourceVersion ? sql<Date>`${f.sourceVersion}::timestamptz` : null,
      }));
      await db.transaction().execute(async (tx) => {
        // a replayed fact keeps a decision already taken on it (resolved after 24 h, or undone by a repeat)
        // unless what it is computed from changed it
        await tx
          .insertInto('analytics_conversations')
          .values(rows)
          .onConflict((oc) =>
            oc.column('conversation_id').doUpdateSet((eb) => ({
              ended_at: eb.ref('excluded.ended_at'),
              channel: eb.ref('excluded.channel'),
              lang: eb.ref('excluded.lang'),
              team_id: eb.ref('excluded.team_id'),
              agent_id: eb.ref('excluded.agent_id'),
              intent: eb.ref('excluded.intent'),
              reason: eb.ref('excluded.reason'),
              emotion: eb.ref('excluded.emotion'),
              queued: eb.ref('excluded.queued'),
              assigned: eb.ref('excluded.assigned'),
              transfers: eb.ref('excluded.transfers'),
              frt_s: eb.ref('excluded.frt_s'),
              wait_s: eb.ref('excluded.wait_s'),
              handle_s: eb.ref('excluded.handle_s'),
              csat: eb.ref('excluded.csat'),
              sla_met: eb.ref('excluded.sla_met'),
              bot_replies: eb.ref('excluded.bot_replies'),
              oos_replies: eb.ref('excluded.oos_replies'),
              bot_outcome: sql`case when excluded.bot_outcome = 'pending'
                and analytics_conversations.bot_outcome in ('resolved', 'unresolved')
                and analytics_conversations.ended_at is not distinct from excluded.ended_at
                and analytics_conversations.intent = excluded.intent
                then analytics_conversations.bot_outcome else excluded.bot_outcome end`,
              updated_at: eb.ref('excluded.updated_at'),
              source_updated_at: eb.ref('excluded.source_updated_at'),
            })),
          )
          .execute();
        // repeat contacts, decided for the written facts only (never a scan of every pending fact): an earlier
        // pending conversation of the same customer on the same intent that ended within 24 h before a written
        // one started is unresolved, and so is a written pending one followed by such a conversation
        const written = sql.join(rows.map((r) => sql`${r.conversation_id}::uuid`));
        const undone = await sql<{ workspace_id: string; hour: Date }>`
          update analytics_conversations f set bot_outcome = 'unresolved', updated_at = now()
          from analytics_conversations g
          where g.conversation_id in (${written}) and g.intent <> ''
            and f.workspace_id = g.workspace_id and f.contact_id = g.contact_id and f.intent = g.intent
            and f.conversation_id <> g.conversation_id and f.bot_outcome = 'pending'
            and f.ended_at <= g.started_at
            and f.ended_at > g.started_at - make_interval(hours => ${REPEAT_WINDOW_HOURS})
          returning f.workspace_id, f.hour`.execute(tx);
        const repeated = await sql<{ workspace_id: string; hour: Date }>`
          update analytics_conversations f set bot_outcome = 'unresolved', updated_at = now()
          where f.conversation_id in (${written}) and f.bot_outcome = 'pending' and f.intent <> ''
            and exists (
              select 1 from analytics_conversations g
              where g.workspace_id = f.workspace_id and g.contact_id = f.contact_id
                and g.conversation_id <> f.conversation_id and g.intent = f.intent
                and g.started_at >= f.ended_at
                and g.started_at < f.ended_at + make_interval(hours => ${REPEAT_WINDOW_HOURS}))
          returning f.workspace_id, f.hour`.execute(tx);
        await markDirty(tx, [
          ...rows.map((r) => ({ workspaceId: r.workspace_id, hour: r.hour })),
          ...[...undone.rows, ...repeated.rows].map((r) => ({
            workspaceId: r.workspace_id,
            hour: at(r.hour) as Date,
          })),
        ]);
      });
    },

    /**
     * Resolves the provisional bot resolutions 24 h past their end (repeat contacts were decided when they
     * were written, see `upsertFacts`): served by the partial index on pending facts, so it reads only what
     * it changes. Returns how many changed.
     */
    async finalise(now: Date): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const cutoff = new Date(now.getTime() - REPEAT_WINDOW_HOURS * 3_600_000);
        const decided = await tx
          .updateTable('analytics_conversations')
          .set({ bot_outcome: 'resolved', updated_at: now })
          .where('bot_outcome', '=', 'pending')
          .where('ended_at', '<=', cutoff)
          .returning(['workspace_id', 'hour'])
          .execute();
        await markDirty(
          tx,
          decided.map((r) => ({ workspaceId: r.workspace_id, hour: at(r.hour) as Date })),
        );
        return decided.length;
      });
    },

    /**
     * Recomputes the rollups of up to `limit` changed hours from their facts; returns how many hours. With
     * `minAgeMs`, only hours first marked at least that long ago: a busy hour is recomputed at most once
     * per `minAgeMs` however often its facts change (its mark is kept, not renewed, until it is refreshed).
     */
    async refreshRollups(limit = 200, minAgeMs = 0): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const dirty = await sql<{ workspace_id: string; hour: Date }>`
          delete from analytics_dirty_hours where (workspace_id, hour) in (
            select workspace_id, hour from analytics_dirty_hours
            where marked_at <= now() - make_interval(secs => ${minAgeMs / 1000})
            order by hour limit ${limit})
          returning workspace_id, hour`.execute(tx);
        if (dirty.rows.length === 0) return 0;
        const values = sql.join(
          dirty.rows.map((r) => sql`(${r.workspace_id}::uuid, ${at(r.hour)}::timestamptz)`),
        );
        const pairs = sql`(values ${values}) as d (workspace_id, hour)`;
        for (const table of ['analytics_hourly', 'analytics_agent_hourly', 'analytics_hour_totals'])
          await sql`delete from ${sql.table(table)} r using ${pairs}
            where r.workspace_id = d.workspace_id and r.hour = d.hour`.execute(tx);
        await sql`
          insert into analytics_hourly
            (workspace_id, hour, team_id, channel, lang, intent, reason, emotion, ${sql.raw(COLUMN_LIST)})
          select f.workspace_id, f.hour, team_id, channel, lang, intent, reason, emotion, ${sql.raw(ROLLUP_SUMS)}
          from analytics_conversations f join ${pairs} on f.workspace_id = d.workspace_id and f.hour = d.hour
          group by f.workspace_id, f.hour, team_id, channel, lang, intent, reason, emotion`.execute(tx);
        await sql`
          insert into analytics_hour_totals (workspace_id, hour, ${sql.raw(COLUMN_LIST)}, ${sql.raw(TOTALS_LIST.join(', '))})
          select f.workspace_id, f.hour, ${sql.raw(ROLLUP_SUMS)}, ${sql.raw(TOTALS_SUMS)}
          from analytics_conversations f join ${pairs} on f.workspace_id = d.workspace_id and f.hour = d.hour
          group by f.workspace_id, f.hour`.execute(tx);
        await sql`
          insert into analytics_agent_hourly
            (workspace_id, hour, agent_id, team_id, channel, lang, intent, ${sql.raw(COLUMN_LIST)})
          select f.workspace_id, f.hour, agent_id, team_id, channel, lang, intent, ${sql.raw(ROLLUP_SUMS)}
          from analytics_conversations f join ${pairs} on f.workspace_id = d.workspace_id and f.hour = d.hour
          where agent_id <> ''
          group by f.workspace_id, f.hour, agent_id, team_id, channel, lang, intent`.execute(tx);
        return dirty.rows.length;
      });
    },

    /**
     * Conversations changed since the sweep's mark (minus a margin for transactions committed late), in
     * (updated_at, id) order after `after` when paging; `stale` when the conversation's fact is missing or was
     * computed from another version of it (the event path has usually just written it: then nothing to redo).
     */
    async changedSince(
      marginMs: number,
      after: { updatedAt: Date; id: string } | null,
      limit: number,
    ): Promise<Array<{ id: string; updatedAt: Date; stale: boolean }>> {
      let query = db
        .selectFrom('conversations as c')
        .leftJoin('analytics_conversations as f', 'f.conversation_id', 'c.id')
        .select([
          'c.id as id',
          'c.updated_at as updated_at',
          // the exact version (microseconds, as stored): any other value, earlier or later, is another version
          sql<boolean>`f.source_updated_at is distinct from c.updated_at`.as('stale'),
        ])
        .where(
          'c.updated_at',
          '>',
          sql<Date>`(select swept_until from analytics_sweep where id = 1) - make_interval(secs => ${marginMs / 1000})`,
        );
      if (after)
        query = query.where(
          sql<boolean>`(c.updated_at, c.id) > (${after.updatedAt}::timestamptz, ${after.id}::uuid)`,
        );
      const rows = await query.orderBy('c.updated_at').orderBy('c.id').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, updatedAt: at(r.updated_at) as Date, stale: r.stale === true }));
    },

    /** Moves the sweep's mark forward (never back). */
    async markSwept(until: Date): Promise<void> {
      await db
        .updateTable('analytics_sweep')
        .set({ swept_until: sql`greatest(swept_until, ${until}::timestamptz)` })
        .where('id', '=', 1)
        .execute();
    },

    /** Direct writes of facts for generated history (bench): then `refreshRollups` until it returns 0. */
    async pendingRollups(): Promise<number> {
      const row = await db
        .selectFrom('analytics_dirty_hours')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type AnalyticsRepository = ReturnType<typeof analyticsRepository>;
