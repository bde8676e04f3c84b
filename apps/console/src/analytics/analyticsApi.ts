import {
  type AnalyticsOptions,
  type AnalyticsOverview,
  type AnalyticsPeople,
  type AnalyticsTable,
  analyticsOptionsSchema,
  analyticsOverviewSchema,
  analyticsPeopleSchema,
  type DataRetention,
  dataRetentionSchema,
} from '@tandem/protocol';
import { request } from '../api.ts';

/** What the overview asks for (the server validates it again). */
export interface AnalyticsParams {
  from: string;
  to: string;
  granularity: 'hour' | 'day' | 'week';
  tz: string;
  team?: string | undefined;
  channel?: string | undefined;
  intent?: string | undefined;
  lang?: string | undefined;
}

export function queryString(params: AnalyticsParams, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra }))
    if (value !== undefined && value !== '') search.set(key, value);
  return search.toString();
}

export const analyticsApi = {
  overview: (params: AnalyticsParams): Promise<AnalyticsOverview> =>
    request('GET', `/api/admin/analytics/overview?${queryString(params)}`, analyticsOverviewSchema),
  people: (params: AnalyticsParams): Promise<AnalyticsPeople> =>
    request('GET', `/api/admin/analytics/people?${queryString(params)}`, analyticsPeopleSchema),
  options: (): Promise<AnalyticsOptions> =>
    request('GET', '/api/admin/analytics/options', analyticsOptionsSchema),
  retention: (): Promise<DataRetention> =>
    request('GET', '/api/admin/analytics/retention', dataRetentionSchema),
  saveRetention: (retentionDays: number | null): Promise<DataRetention> =>
    request('PUT', '/api/admin/analytics/retention', dataRetentionSchema, { retentionDays }),
  tableHref: (params: AnalyticsParams, table: AnalyticsTable, format: 'csv' | 'xlsx') =>
    `/api/admin/analytics/export?${queryString(params, { table, format })}`,
  conversationsHref: (params: AnalyticsParams, format: 'csv' | 'xlsx') =>
    `/api/admin/analytics/conversations/export?${queryString(params, { format })}`,
};
