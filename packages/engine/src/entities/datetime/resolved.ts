import type { DateGrain } from '../types.ts';
import { addDays, type CalendarDate } from './calendar.ts';
import type { LocalDateTime } from './zone.ts';

/** A resolved expression in wall-clock time, before it is formatted. */
export interface Resolved {
  start: LocalDateTime;
  grain: DateGrain;
  /** Exclusive end of a period (今晚, 下周). */
  end?: LocalDateTime;
  ambiguous: boolean;
}

export function atHour(date: CalendarDate, hour: number, minute: number): LocalDateTime {
  if (hour >= 24) return { ...addDays(date, 1), hour: hour - 24, minute };
  return { ...date, hour, minute };
}

export function midnight(date: CalendarDate): LocalDateTime {
  return { year: date.year, month: date.month, day: date.day, hour: 0, minute: 0 };
}
