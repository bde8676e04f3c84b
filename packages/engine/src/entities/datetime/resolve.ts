import type { DateGrain, DateTimeValue } from '../types.ts';
import type { CalendarDate } from './calendar.ts';
import { clockHour, PART_OF_DAY_HOURS } from './hours.ts';
import type { DateParts } from './parts.ts';
import { resolveRangeEnd } from './rangeEnd.ts';
import { resolveDate } from './resolveDate.ts';
import { atHour, midnight, type Resolved } from './resolved.ts';
import { formatDate, formatIso, type LocalDateTime, pad, toLocal } from './zone.ts';

export interface ResolveContext {
  now: Date;
  timeZone: string;
}

const MINUTE = 60_000;

/** Resolves what the text said against now, or null when it names no real date (2月30日, 25点). */
export function resolveParts(parts: DateParts, ctx: ResolveContext): DateTimeValue | null {
  const start = resolveOne(parts, ctx);
  if (start === null) return null;
  if (parts.to === undefined) return toValue(start, start.end, start.ambiguous, ctx.timeZone);
  const end = resolveRangeEnd(parts, start, (p) => resolveOne(p, ctx), ctx.timeZone);
  if (end === null) return null;
  return toValue(start, end.at, start.ambiguous || end.ambiguous, ctx.timeZone);
}

function resolveOne(parts: DateParts, ctx: ResolveContext): Resolved | null {
  const nowMs = ctx.now.getTime();
  const shift = parts.shift;
  if (shift !== undefined && (shift.unit === 'minute' || shift.unit === 'hour')) {
    const ms = nowMs + shift.amount * (shift.unit === 'hour' ? 60 : 1) * MINUTE;
    const local = toLocal(ms, ctx.timeZone);
    return { start: { ...local }, grain: 'minute', ambiguous: false };
  }
  const nowLocal = toLocal(nowMs, ctx.timeZone);
  const today: CalendarDate = { year: nowLocal.year, month: nowLocal.month, day: nowLocal.day };
  const date = resolveDate(parts, today);
  if (date === null) return null;
  if (date.end !== undefined) {
    if (parts.hour !== undefined || parts.partOfDay !== undefined) return null;
    return { start: midnight(date.date), grain: 'day', end: midnight(date.end), ambiguous: date.ambiguous };
  }
  if (parts.hour !== undefined) {
    const clock = clockHour(parts);
    const minute = parts.minute ?? 0;
    if (clock === null || minute < 0 || minute > 59 || (clock.hour === 24 && minute > 0)) return null;
    const start = atHour(date.date, clock.hour, minute);
    const grain: DateGrain = parts.minute === undefined ? 'hour' : 'minute';
    return { start, grain, ambiguous: date.ambiguous || clock.ambiguous };
  }
  if (parts.partOfDay !== undefined) {
    const [from, to] = PART_OF_DAY_HOURS[parts.partOfDay];
    return {
      start: atHour(date.date, from, 0),
      grain: 'hour',
      end: atHour(date.date, to, 0),
      ambiguous: date.ambiguous,
    };
  }
  return { start: midnight(date.date), grain: 'day', ambiguous: date.ambiguous };
}

function toValue(
  start: Resolved,
  end: LocalDateTime | undefined,
  ambiguous: boolean,
  timeZone: string,
): DateTimeValue {
  const value: DateTimeValue = {
    iso: formatIso(start.start, timeZone),
    grain: start.grain,
    date: formatDate(start.start),
  };
  if (start.grain !== 'day') value.time = `${pad(start.start.hour)}:${pad(start.start.minute)}`;
  if (end !== undefined) value.end = formatIso(end, timeZone);
  if (ambiguous) value.ambiguous = true;
  return value;
}
