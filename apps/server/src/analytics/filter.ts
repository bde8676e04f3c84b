import { DomainError, localTime, type User } from '@tandem/domain';
import type { AnalyticsQuery } from '@tandem/protocol';
import type { AnalyticsFilter } from '@tandem/storage';
import { startOfLocalDay } from '../services/supervisor.ts';

/** Dashboards and exports are for supervisors and admins. */
export function assertAnalyst(user: User): void {
  if (user.role !== 'admin' && user.role !== 'supervisor')
    throw new DomainError('forbidden', 'only supervisors and admins see analytics');
}

/** The instant a local date (YYYY-MM-DD) begins in a time zone. */
export function startOfLocalDate(date: string, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let noon = Date.UTC(y, m - 1, d, 12);
  // zones far east of UTC are already on the next day at noon UTC
  for (let i = 0; i < 2 && localTime(new Date(noon), timezone).date !== date; i++)
    noon += localTime(new Date(noon), timezone).date > date ? -86_400_000 / 2 : 86_400_000 / 2;
  return startOfLocalDay(new Date(noon), timezone);
}

const nextDate = (date: string) => new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);

/** A validated query as the repositories take it: the user's workspace, [from, to) as instants. */
export function toFilter(user: User, query: AnalyticsQuery): AnalyticsFilter {
  assertAnalyst(user);
  return {
    workspaceId: user.workspaceId,
    from: startOfLocalDate(query.from, query.tz),
    to: startOfLocalDate(nextDate(query.to), query.tz),
    granularity: query.granularity,
    timezone: query.tz,
    teamId: query.team === 'none' ? '' : query.team,
    channel: query.channel,
    intent: query.intent === 'none' ? '' : query.intent,
    lang: query.lang,
  };
}
