import { z } from 'zod';
import { langSchema } from './common.ts';
import { timeZoneSchema } from './routing.ts';

/** Longest range a dashboard or export may cover, in days; hourly buckets cover at most `MAX_HOURLY_DAYS`. */
export const ANALYTICS_MAX_DAYS = 732;
export const ANALYTICS_MAX_HOURLY_DAYS = 31;
export const analyticsGranularities = ['hour', 'day', 'week'] as const;

const day = z.iso.date();

const filterShape = {
  from: day,
  to: day,
  granularity: z.enum(analyticsGranularities).default('day'),
  tz: timeZoneSchema.default('Asia/Shanghai'),
  team: z.union([z.uuid(), z.literal('none')]).optional(),
  channel: z.enum(['widget']).optional(),
  intent: z.string().trim().min(1).max(100).optional(),
  lang: langSchema.optional(),
};

/** Reversed and too large ranges are refused with a stable word at the start of the message. */
function checkRange(
  query: { from: string; to: string; granularity: (typeof analyticsGranularities)[number] },
  ctx: z.RefinementCtx,
) {
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
  if (days < 1)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'range_reversed: `to` is before `from`' });
  else if (days > ANALYTICS_MAX_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['from'],
      message: `range_too_large: at most ${ANALYTICS_MAX_DAYS} days`,
    });
  else if (query.granularity === 'hour' && days > ANALYTICS_MAX_HOURLY_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['granularity'],
      message: `range_too_large: hourly buckets cover at most ${ANALYTICS_MAX_HOURLY_DAYS} days`,
    });
}

/**
 * The filters every analytics endpoint takes: local dates `from`..`to` (both included) in `tz`, a bucket size,
 * and optional dimensions (`none` for "without a team / an intent"). Unknown parameters are refused.
 */
export const analyticsQuerySchema = z.strictObject(filterShape).superRefine(checkRange);
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

export const analyticsTables = [
  'series',
  'intents',
  'reasons',
  'emotions',
  'agents',
  'teams',
  'heatmap',
] as const;
export type AnalyticsTable = (typeof analyticsTables)[number];

export const analyticsExportQuerySchema = z
  .strictObject({
    ...filterShape,
    format: z.enum(['csv', 'xlsx']).default('csv'),
    table: z.enum(analyticsTables).default('series'),
  })
  .superRefine(checkRange);
export const conversationExportQuerySchema = z
  .strictObject({
    ...filterShape,
    format: z.enum(['csv', 'xlsx']).default('csv'),
    transcripts: z.enum(['true', 'false']).default('true'),
  })
  .superRefine(checkRange);

/** Figures of a group of conversations (a bucket, an intent, a person…): rates 0–1 and seconds, null when nothing to count. */
export const analyticsFiguresSchema = z.object({
  conversations: z.number(),
  ended: z.number(),
  handedOver: z.number(),
  handedOverRate: z.number().nullable(),
  agentTransfers: z.number(),
  botResolved: z.number(),
  botUnresolved: z.number(),
  botPending: z.number(),
  botResolutionRate: z.number().nullable(),
  firstResponseSeconds: z.number().nullable(),
  waitSeconds: z.number().nullable(),
  handleSeconds: z.number().nullable(),
  csatAverage: z.number().nullable(),
  csatCount: z.number(),
  csat: z.array(z.number()).length(5),
  slaMetRate: z.number().nullable(),
  outOfScopeRate: z.number().nullable(),
});
export type AnalyticsFigures = z.infer<typeof analyticsFiguresSchema>;

const keyed = analyticsFiguresSchema.extend({ key: z.string() });

export const analyticsOverviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  granularity: z.enum(analyticsGranularities),
  tz: z.string(),
  totals: analyticsFiguresSchema,
  series: z.array(analyticsFiguresSchema.extend({ bucket: z.string() })),
  reasons: z.array(z.object({ key: z.string(), conversations: z.number() })),
  intents: z.array(z.object({ key: z.string(), conversations: z.number() })),
  emotions: z.array(z.object({ key: z.string(), conversations: z.number() })),
  intentTrend: z.array(z.object({ bucket: z.string(), key: z.string(), conversations: z.number() })),
  emotionTrend: z.array(z.object({ bucket: z.string(), key: z.string(), conversations: z.number() })),
  heatmap: z.array(z.object({ weekday: z.number(), hour: z.number(), conversations: z.number() })),
});
export type AnalyticsOverview = z.infer<typeof analyticsOverviewSchema>;

export const analyticsPeopleSchema = z.object({
  agents: z.array(keyed.extend({ name: z.string() })),
  teams: z.array(keyed.extend({ name: z.string() })),
});
export type AnalyticsPeople = z.infer<typeof analyticsPeopleSchema>;

export const analyticsOptionsSchema = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  intents: z.array(z.string()),
  channels: z.array(z.string()),
});
export type AnalyticsOptions = z.infer<typeof analyticsOptionsSchema>;

export const dataRetentionSchema = z.object({
  /** null: kept until deleted by hand */
  retentionDays: z.number().int().nullable(),
  lastPurgeAt: z.string().nullable(),
  lastPurged: z.number(),
  nextPurgeAt: z.string().nullable(),
});
export type DataRetention = z.infer<typeof dataRetentionSchema>;

export const dataRetentionBodySchema = z.strictObject({
  retentionDays: z.number().int().min(7).max(3650).nullable(),
});
