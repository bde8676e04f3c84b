import type { User } from '@tandem/domain';
import type {
  AnalyticsFigures,
  AnalyticsOptions,
  AnalyticsOverview,
  AnalyticsPeople,
  AnalyticsQuery,
} from '@tandem/protocol';
import {
  analyticsExportRepository,
  analyticsQueryRepository,
  type Counters,
  type Db,
  ROLLUP_COLUMNS,
} from '@tandem/storage';
import { assertAnalyst, toFilter } from './filter.ts';

/** Trend charts stack the most frequent values and fold the rest into "other". */
const TREND_TOP = 8;
export const OTHER = '__other__';

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const average = (sum: number, n: number) => (n > 0 ? sum / n : null);

/** The figures docs/metrics.md defines, from summed rollup counters. */
export function figures(c: Counters): AnalyticsFigures {
  const csatCount = c.csat_1 + c.csat_2 + c.csat_3 + c.csat_4 + c.csat_5;
  const csatSum = c.csat_1 + 2 * c.csat_2 + 3 * c.csat_3 + 4 * c.csat_4 + 5 * c.csat_5;
  return {
    conversations: c.conversations,
    ended: c.ended,
    handedOver: c.queued,
    handedOverRate: ratio(c.queued, c.conversations),
    agentTransfers: c.transfers,
    botResolved: c.bot_resolved,
    botUnresolved: c.bot_unresolved,
    botPending: c.bot_pending,
    botResolutionRate: ratio(c.bot_resolved, c.bot_resolved + c.bot_unresolved),
    firstResponseSeconds: average(c.frt_sum, c.frt_n),
    waitSeconds: average(c.wait_sum, c.wait_n),
    handleSeconds: average(c.handle_sum, c.handle_n),
    csatAverage: average(csatSum, csatCount),
    csatCount,
    csat: [c.csat_1, c.csat_2, c.csat_3, c.csat_4, c.csat_5],
    slaMetRate: ratio(c.sla_met, c.sla_n),
    outOfScopeRate: ratio(c.oos_replies, c.bot_replies),
  };
}

function sum(rows: Counters[]): Counters {
  const out = {} as Counters;
  for (const row of rows)
    for (const [key, value] of Object.entries(row) as Array<[keyof Counters, number]>)
      if (typeof value === 'number') out[key] = (out[key] ?? 0) + value;
  return out;
}

const zero = (): Counters => Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, 0])) as Counters;

/** Keeps the `top` most frequent keys of a trend, the rest summed as OTHER. */
function topTrend(rows: Array<{ bucket: string; key: string; conversations: number }>, top: number) {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.conversations);
  const keep = new Set(
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k]) => k),
  );
  const out = new Map<string, { bucket: string; key: string; conversations: number }>();
  for (const r of rows) {
    const key = keep.has(r.key) ? r.key : OTHER;
    const id = `${r.bucket}|${key}`;
    const row = out.get(id) ?? { bucket: r.bucket, key, conversations: 0 };
    row.conversations += r.conversations;
    out.set(id, row);
  }
  return [...out.values()];
}

/** Everything the overview tab draws, in one answer (a handful of statements over hourly rollups). */
export async function analyticsOverview(
  db: Db,
  user: User,
  query: AnalyticsQuery,
): Promise<AnalyticsOverview> {
  const filter = toFilter(user, query);
  const repo = analyticsQueryRepository(db);
  const series = await repo.series(filter);
  const counts = await repo.counts(filter);
  const { intent: intents, reason: reasons, emotion: emotions, intentTrend, emotionTrend, heatmap } = counts;
  const keyed = (rows: Array<{ key: string; conversations: number }>) =>
    rows.map((r) => ({ key: r.key, conversations: r.conversations }));
  return {
    from: query.from,
    to: query.to,
    granularity: query.granularity,
    tz: query.tz,
    totals: figures(series.length > 0 ? sum(series) : zero()),
    series: series.map((row) => ({ bucket: row.bucket, ...figures(row) })),
    intents: keyed(intents),
    reasons: keyed(reasons.filter((r) => r.key !== '')),
    emotions: keyed(emotions),
    intentTrend: topTrend(intentTrend, TREND_TOP),
    emotionTrend: topTrend(emotionTrend, TREND_TOP),
    heatmap,
  };
}

/** Load and outcomes per person and per team. */
export async function analyticsPeople(db: Db, user: User, query: AnalyticsQuery): Promise<AnalyticsPeople> {
  const filter = toFilter(user, query);
  const repo = analyticsQueryRepository(db);
  const { users, teams } = await analyticsExportRepository(db).names(user.workspaceId);
  const agents = await repo.people(filter);
  // a team's load is every conversation handed to it, taken by someone or not
  const byTeam = await repo.teams(filter);
  return {
    agents: agents.map((r) => ({ key: r.key, name: users.get(r.key) ?? '', ...figures(r) })),
    teams: byTeam.map((r) => ({ key: r.key, name: teams.get(r.key) ?? '', ...figures(r) })),
  };
}

/** The filter's choices: teams, intents seen in the last two years, channels. */
export async function analyticsOptions(db: Db, user: User): Promise<AnalyticsOptions> {
  assertAnalyst(user);
  const { teams } = await analyticsExportRepository(db).names(user.workspaceId);
  const since = new Date(Date.now() - 732 * 86_400_000);
  return {
    teams: [...teams.entries()].map(([id, name]) => ({ id, name })),
    intents: await analyticsQueryRepository(db).intents(user.workspaceId, since),
    channels: ['widget'],
  };
}
