import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../database.ts';
import { ROLLUP_COLUMNS, TOTAL_EMOTIONS, TOTAL_REASONS, totalsColumn } from './analytics.ts';

/** What a dashboard asks for: a workspace, a range [from, to), a bucket size in a time zone, filters. */
export interface AnalyticsFilter {
  workspaceId: string;
  from: Date;
  to: Date;
  granularity: 'hour' | 'day' | 'week';
  timezone: string;
  teamId?: string | undefined;
  channel?: string | undefined;
  intent?: string | undefined;
  lang?: string | undefined;
}

export type Counters = Record<(typeof ROLLUP_COLUMNS)[number], number>;

type Keyed = Array<{ key: string; conversations: number }>;

/** The overview's conversation counts of one range (see `counts`). */
export interface Cube {
  intent: Keyed;
  reason: Keyed;
  emotion: Keyed;
  intentTrend: Array<{ bucket: string; key: string; conversations: number }>;
  emotionTrend: Array<{ bucket: string; key: string; conversations: number }>;
  heatmap: Array<{ weekday: number; hour: number; conversations: number }>;
}

const SUMS = sql.raw(ROLLUP_COLUMNS.map((c) => `coalesce(sum(${c}), 0)::bigint as ${c}`).join(', '));

const FILLED = sql.raw(ROLLUP_COLUMNS.map((c) => `coalesce(s.${c}, 0)::bigint as ${c}`).join(', '));

function counters(row: Record<string, unknown>): Counters {
  const out = {} as Counters;
  for (const c of ROLLUP_COLUMNS) out[c] = Number(row[c] ?? 0);
  return out;
}

/** The rows of a rollup in the filter's range and dimensions ('' in a filter means "none"). */
function where(filter: AnalyticsFilter): RawBuilder<unknown> {
  const parts = [
    sql`workspace_id = ${filter.workspaceId}`,
    sql`hour >= ${filter.from}`,
    sql`hour < ${filter.to}`,
  ];
  if (filter.teamId !== undefined) parts.push(sql`team_id = ${filter.teamId}`);
  if (filter.channel !== undefined) parts.push(sql`channel = ${filter.channel}`);
  if (filter.lang !== undefined) parts.push(sql`lang = ${filter.lang}`);
  if (filter.intent !== undefined) parts.push(sql`intent = ${filter.intent}`);
  return sql.join(parts, sql` and `);
}

const largest = (a: { conversations: number; key: string }, b: { conversations: number; key: string }) =>
  b.conversations - a.conversations || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Breakdowns largest first, the heatmap in weekday and hour order. */
function sortCube(cube: Cube): Cube {
  for (const list of [cube.intent, cube.reason, cube.emotion]) list.sort(largest);
  cube.heatmap.sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  return cube;
}

/** No dimension filtered: the dimensionless hourly totals answer (far fewer rows than the dimensioned rollup). */
const unfiltered = (filter: AnalyticsFilter) =>
  filter.teamId === undefined &&
  filter.channel === undefined &&
  filter.lang === undefined &&
  filter.intent === undefined;

/** The local bucket of an hour, as text (`2026-03-01T00:00`): the same on PGlite and PostgreSQL. */
const bucket = (filter: AnalyticsFilter) =>
  sql<string>`to_char(date_trunc(${filter.granularity}, hour at time zone ${filter.timezone}), 'YYYY-MM-DD"T"HH24:MI')`;

/** Dashboard reads: every one sums hourly rollup rows, never facts or messages. */
export function analyticsQueryRepository(db: Db) {
  /** `counts` without filters: reasons, emotions and busiest hours from the hourly totals, intents apart. */
  async function countsUnfiltered(filter: AnalyticsFilter): Promise<Cube> {
    const cube: Cube = {
      intent: [],
      reason: [],
      emotion: [],
      intentTrend: [],
      emotionTrend: [],
      heatmap: [],
    };
    const intents = await sql<{ bucket: string | null; intent: string; n: string | number }>`
      select to_char(b, 'YYYY-MM-DD"T"HH24:MI') as bucket, intent, sum(conversations)::bigint as n
      from (select date_trunc(${filter.granularity}, hour at time zone ${filter.timezone}) as b, intent, conversations
            from analytics_hourly where ${where(filter)}) s
      group by grouping sets ((intent), (b, intent)) order by 1 nulls first`.execute(db);
    for (const row of intents.rows) {
      const entry = { key: row.intent, conversations: Number(row.n) };
      if (row.bucket === null) cube.intent.push(entry);
      else cube.intentTrend.push({ bucket: row.bucket, ...entry });
    }
    const columns = [
      ...TOTAL_REASONS.map((r) => totalsColumn('reason', r)),
      ...TOTAL_EMOTIONS.map((e) => totalsColumn('emotion', e)),
    ];
    const totals = await sql<Record<string, unknown>>`
      select to_char(b, 'YYYY-MM-DD"T"HH24:MI') as bucket, dow, hod, grouping(b, dow, hod) as g,
        sum(conversations)::bigint as n,
        ${sql.raw(columns.map((c) => `sum(${c})::bigint as ${c}`).join(', '))}
      from (select date_trunc(${filter.granularity}, local) as b, extract(dow from local)::int as dow,
              extract(hour from local)::int as hod, conversations, ${sql.raw(columns.join(', '))}
            from (select *, hour at time zone ${filter.timezone} as local from analytics_hour_totals
                  where ${where(filter)}) r) s
      group by grouping sets ((b), (dow, hod), ()) order by 1 nulls first`.execute(db);
    for (const row of totals.rows) {
      const g = Number(row.g);
      if (g === 0b011) {
        for (const e of TOTAL_EMOTIONS) {
          const n = Number(row[totalsColumn('emotion', e)] ?? 0);
          if (n > 0) cube.emotionTrend.push({ bucket: String(row.bucket), key: e, conversations: n });
        }
      } else if (g === 0b100) {
        cube.heatmap.push({ weekday: Number(row.dow), hour: Number(row.hod), conversations: Number(row.n) });
      } else if (g === 0b111) {
        for (const r of TOTAL_REASONS) {
          const n = Number(row[totalsColumn('reason', r)] ?? 0);
          if (n > 0) cube.reason.push({ key: r, conversations: n });
        }
        for (const e of TOTAL_EMOTIONS) {
          const n = Number(row[totalsColumn('emotion', e)] ?? 0);
          if (n > 0) cube.emotion.push({ key: e, conversations: n });
        }
      }
    }
    return sortCube(cube);
  }

  return {
    /**
     * The overview's conversation counts in one scan of the range's rollup rows (each row's local time
     * computed once, one sum per group: the cost of a year is the rows, not the charts): per intent, reason
     * and emotion, per bucket and intent or emotion, and per weekday and hour of day.
     */
    async counts(filter: AnalyticsFilter): Promise<Cube> {
      if (unfiltered(filter)) return countsUnfiltered(filter);
      const { rows } = await sql<Record<string, unknown>>`
        select to_char(b, 'YYYY-MM-DD"T"HH24:MI') as bucket, intent, reason, emotion, dow, hod,
          grouping(b, intent, reason, emotion, dow, hod) as g, sum(conversations)::bigint as n
        from (
          select date_trunc(${filter.granularity}, local) as b, extract(dow from local)::int as dow,
            extract(hour from local)::int as hod, intent, reason, emotion, conversations
          from (select hour at time zone ${filter.timezone} as local, intent, reason, emotion, conversations
                from analytics_hourly where ${where(filter)}) r
        ) s
        group by grouping sets ((intent), (reason), (emotion), (b, intent), (b, emotion), (dow, hod))
        order by 1 nulls first`.execute(db);
      const cube: Cube = {
        intent: [],
        reason: [],
        emotion: [],
        intentTrend: [],
        emotionTrend: [],
        heatmap: [],
      };
      // grouping() sets a bit per column left out, the first column highest: b, intent, reason, emotion, dow, hod
      const [B, I, R, E, D, H] = [32, 16, 8, 4, 2, 1];
      const only = (...bits: number[]) => 0b111111 & ~bits.reduce((a, b) => a | b, 0);
      for (const row of rows) {
        const g = Number(row.g);
        const conversations = Number(row.n);
        if (g === only(I)) cube.intent.push({ key: String(row.intent), conversations });
        else if (g === only(R)) cube.reason.push({ key: String(row.reason), conversations });
        else if (g === only(E)) cube.emotion.push({ key: String(row.emotion), conversations });
        else if (g === only(B, I))
          cube.intentTrend.push({ bucket: String(row.bucket), key: String(row.intent), conversations });
        else if (g === only(B, E))
          cube.emotionTrend.push({ bucket: String(row.bucket), key: String(row.emotion), conversations });
        else if (g === only(D, H))
          cube.heatmap.push({ weekday: Number(row.dow), hour: Number(row.hod), conversations });
      }
      return sortCube(cube);
    },

    /**
     * Counters per bucket, oldest first: every bucket of the range, empty ones as zeros (a chart never joins
     * across a gap).
     */
    async series(filter: AnalyticsFilter): Promise<Array<{ bucket: string } & Counters>> {
      const { rows } = await sql<Record<string, unknown>>`
        with s as (
          select ${bucket(filter)} as bucket, ${SUMS}
          from ${sql.table(unfiltered(filter) ? 'analytics_hour_totals' : 'analytics_hourly')}
          where ${where(filter)} group by 1),
        b as (
          select distinct ${bucket(filter)} as bucket
          from generate_series(${filter.from}::timestamptz, ${filter.to}::timestamptz - interval '1 hour',
            interval '1 hour') as g (hour))
        select b.bucket, ${FILLED} from b left join s on s.bucket = b.bucket order by 1`.execute(db);
      return rows.map((r) => ({ bucket: String(r.bucket), ...counters(r) }));
    },

    /** Load and outcomes per team: the conversations handed to each team's queue, largest first. */
    async teams(filter: AnalyticsFilter): Promise<Array<{ key: string } & Counters>> {
      const { rows } = await sql<Record<string, unknown>>`
        select team_id as key, ${SUMS} from analytics_hourly where ${where(filter)} and team_id <> ''
        group by 1 order by conversations desc, 1`.execute(db);
      return rows.map((r) => ({ key: String(r.key), ...counters(r) }));
    },

    /** Load and outcomes per person who served conversations (the last person of each). */
    async people(filter: AnalyticsFilter): Promise<Array<{ key: string } & Counters>> {
      const { rows } = await sql<Record<string, unknown>>`
        select agent_id as key, ${SUMS} from analytics_agent_hourly where ${where(filter)}
        group by 1 order by conversations desc, 1`.execute(db);
      return rows.map((r) => ({ key: String(r.key), ...counters(r) }));
    },

    /** The intents seen in a workspace (for the filter's choices), most frequent first. */
    async intents(workspaceId: string, since: Date): Promise<string[]> {
      const { rows } = await sql<{ intent: string }>`
        select intent from analytics_hourly where workspace_id = ${workspaceId} and hour >= ${since}
        and intent <> '' group by intent order by sum(conversations) desc limit 200`.execute(db);
      return rows.map((r) => r.intent);
    },
  };
}

export type AnalyticsQueryRepository = ReturnType<typeof analyticsQueryRepository>;
