import { addDays, addMonths, type CalendarDate } from './calendar.ts';
import type { DateParts } from './parts.ts';
import { midnight, type Resolved } from './resolved.ts';
import { fromLocal, type LocalDateTime } from './zone.ts';

/**
 * End of a range: missing fields come from the start (下午3点到5点 → 17:00). Of the readings of the end
 * (as inherited, as written, twelve hours later; a day, week, month or year on when that is what was
 * left out) the earliest after the start wins, so 晚上10点到2点 ends at 02:00 the next day.
 */
export function resolveRangeEnd(
  parts: DateParts,
  start: Resolved,
  resolveOne: (parts: DateParts) => Resolved | null,
  timeZone: string,
): { at: LocalDateTime; ambiguous: boolean } | null {
  const written = parts.to ?? {};
  const inherited = inherit(written, parts);
  const readings = [inherited];
  const ownClue = written.partOfDay !== undefined || written.meridiem !== undefined || written.clock24;
  if (written.hour !== undefined && !ownClue) {
    const literal: DateParts = { ...inherited, clock24: true };
    delete literal.partOfDay;
    delete literal.meridiem;
    readings.push(literal);
    if (written.hour < 12) readings.push({ ...literal, hour: written.hour + 12 });
  }
  const startMs = fromLocal(start.start, timeZone);
  let best: { at: LocalDateTime; ms: number; ambiguous: boolean } | null = null;
  for (const reading of readings) {
    const end = resolveOne(reading);
    if (end === null) continue;
    for (const at of [exclusiveEnd(end), ...later(written, end)]) {
      const ms = fromLocal(at, timeZone);
      if (ms > startMs && (best === null || ms < best.ms)) best = { at, ms, ambiguous: end.ambiguous };
    }
  }
  return best;
}

function exclusiveEnd(r: Resolved): LocalDateTime {
  return r.end ?? (r.grain === 'day' ? midnight(addDays(r.start, 1)) : r.start);
}

/** The end moved by what its text left open: 周一 → a week, 5号 → a month, 3月5日 → a year, 8点 → a day. */
function later(written: DateParts, end: Resolved): LocalDateTime[] {
  const base = exclusiveEnd(end);
  const move = (f: (d: CalendarDate) => CalendarDate): LocalDateTime => ({ ...base, ...f(base) });
  if (written.weekday !== undefined && written.weekOffset === undefined) return [move((d) => addDays(d, 7))];
  if (written.day !== undefined && written.month === undefined && written.monthOffset === undefined) {
    return [move((d) => addMonths(d, 1))];
  }
  if (written.month !== undefined && written.year === undefined && written.yearOffset === undefined) {
    return [move((d) => addMonths(d, 12))];
  }
  if (categoriesHaveNoDate(written)) return [move((d) => addDays(d, 1))];
  return [];
}

function categoriesHaveNoDate(parts: DateParts): boolean {
  return !DATE_KEYS.some((k) => k in parts);
}

const DATE_KEYS = [
  'year',
  'yearOffset',
  'month',
  'monthOffset',
  'day',
  'dayOffset',
  'weekday',
  'period',
  'shift',
];

function inherit(to: DateParts, from: DateParts): DateParts {
  const out: DateParts = { ...to };
  if (categoriesHaveNoDate(to)) {
    for (const key of [
      'year',
      'yearOffset',
      'month',
      'monthOffset',
      'day',
      'dayOffset',
      'weekday',
      'weekOffset',
    ] as const) {
      if (from[key] !== undefined) out[key] = from[key];
    }
    if (from.shift !== undefined && from.shift.unit !== 'hour' && from.shift.unit !== 'minute')
      out.shift = from.shift;
  } else if (to.day !== undefined && to.month === undefined && to.monthOffset === undefined) {
    if (from.month !== undefined) out.month = from.month;
    if (from.monthOffset !== undefined) out.monthOffset = from.monthOffset;
    if (from.year !== undefined) out.year = from.year;
    if (from.yearOffset !== undefined) out.yearOffset = from.yearOffset;
  } else if (to.month !== undefined && to.year === undefined && to.yearOffset === undefined) {
    if (from.year !== undefined) out.year = from.year;
    if (from.yearOffset !== undefined) out.yearOffset = from.yearOffset;
  }
  if (to.weekday !== undefined && to.weekOffset === undefined && from.weekOffset !== undefined) {
    out.weekOffset = from.weekOffset;
  }
  const ownClue = to.partOfDay !== undefined || to.meridiem !== undefined || to.clock24;
  if (to.hour !== undefined && !ownClue) {
    if (from.partOfDay !== undefined) out.partOfDay = from.partOfDay;
    if (from.meridiem !== undefined) out.meridiem = from.meridiem;
  }
  return out;
}
