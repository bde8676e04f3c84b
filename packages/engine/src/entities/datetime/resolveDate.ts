import {
  addDays,
  addMonths,
  type CalendarDate,
  dayNumber,
  isValidDate,
  mondayOf,
  weekday,
} from './calendar.ts';
import type { DateParts } from './parts.ts';

export interface ResolvedDate {
  date: CalendarDate;
  /** Exclusive end for whole periods (week, weekend, month). */
  end?: CalendarDate;
  ambiguous: boolean;
}

/** The calendar day (or period) the date parts name, relative to today; null for 2月30日. */
export function resolveDate(parts: DateParts, today: CalendarDate): ResolvedDate | null {
  const ambiguous = parts.ambiguous === true;
  const shift = parts.shift;
  if (shift !== undefined) {
    if (!Number.isInteger(shift.amount)) return null;
    if (shift.unit === 'day') return { date: addDays(today, shift.amount), ambiguous };
    if (shift.unit === 'week') return { date: addDays(today, shift.amount * 7), ambiguous };
    if (shift.unit === 'month') return { date: addMonths(today, shift.amount), ambiguous };
    return { date: addMonths(today, shift.amount * 12), ambiguous };
  }
  if (parts.dayOffset !== undefined) return { date: addDays(today, parts.dayOffset), ambiguous };
  if (parts.period === 'week' || parts.period === 'weekend') {
    const monday = addDays(mondayOf(today), 7 * (parts.weekOffset ?? 0));
    const from = parts.period === 'week' ? monday : addDays(monday, 5);
    return { date: from, end: addDays(from, parts.period === 'week' ? 7 : 2), ambiguous };
  }
  if (parts.weekday !== undefined) {
    if (parts.weekOffset !== undefined) {
      const loose = parts.nextWeekday === true && parts.weekday > weekday(today);
      return {
        date: addDays(mondayOf(today), 7 * parts.weekOffset + parts.weekday - 1),
        ambiguous: ambiguous || loose,
      };
    }
    return { date: addDays(today, (parts.weekday - weekday(today) + 7) % 7), ambiguous };
  }
  if (parts.monthOffset !== undefined) {
    const first = addMonths({ ...today, day: 1 }, parts.monthOffset);
    if (parts.day === undefined) return { date: first, end: addMonths(first, 1), ambiguous };
    return checked({ ...first, day: parts.day }, ambiguous);
  }
  if (parts.month !== undefined) {
    const year = parts.year ?? (parts.yearOffset !== undefined ? today.year + parts.yearOffset : undefined);
    if (parts.day === undefined) {
      if (parts.month < 1 || parts.month > 12) return null;
      const first = { year: year ?? today.year, month: parts.month, day: 1 };
      return { date: first, end: addMonths(first, 1), ambiguous };
    }
    if (year !== undefined) return checked({ year, month: parts.month, day: parts.day }, ambiguous);
    return nearestYear(parts.month, parts.day, today, ambiguous);
  }
  if (parts.day !== undefined) return checked({ ...today, day: parts.day }, ambiguous);
  return { date: today, ambiguous };
}

function checked(date: CalendarDate, ambiguous: boolean): ResolvedDate | null {
  return isValidDate(date.year, date.month, date.day) ? { date, ambiguous } : null;
}

/**
 * A month and day without a year mean the closest such day, before or after today: customers
 * talk about last week's order as often as next week's visit, and in January "12月28日" is last year.
 */
function nearestYear(
  month: number,
  day: number,
  today: CalendarDate,
  ambiguous: boolean,
): ResolvedDate | null {
  let best: CalendarDate | null = null;
  for (const year of [today.year, today.year + 1, today.year - 1]) {
    if (!isValidDate(year, month, day)) continue;
    const candidate = { year, month, day };
    const distance = Math.abs(dayNumber(candidate) - dayNumber(today));
    if (best === null || distance < Math.abs(dayNumber(best) - dayNumber(today))) best = candidate;
  }
  return best === null ? null : { date: best, ambiguous };
}
