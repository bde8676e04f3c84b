/** Parts of day, each a default range when no clock time is given. */
export type PartOfDay = 'early' | 'morning' | 'noon' | 'afternoon' | 'dusk' | 'evening' | 'night';

export type ShiftUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** What a piece of text says about a date or time, before it is resolved against now. */
export interface DateParts {
  year?: number;
  /** 今年 0, 明年 1, 去年 -1 */
  yearOffset?: number;
  month?: number;
  /** 这个月 0, 下个月 1 */
  monthOffset?: number;
  day?: number;
  /** 今天 0, 明天 1, 昨天 -1 */
  dayOffset?: number;
  /** 1 Monday … 7 Sunday */
  weekday?: number;
  /** 本周 0, 下周 1; absent with a weekday means the next one to come (周五, on Friday). */
  weekOffset?: number;
  /** English "next Friday": read as Friday of next week, ambiguous when this week's Friday is still to come. */
  nextWeekday?: boolean;
  /** A whole period when no day inside it is named: 下周, 下个月, 周末, March 2026. */
  period?: 'week' | 'weekend' | 'month';
  hour?: number;
  minute?: number;
  /** The hour was written on a 24-hour clock (15:00, 08:30), so no am/pm guess is needed. */
  clock24?: boolean;
  partOfDay?: PartOfDay;
  meridiem?: 'am' | 'pm';
  /** 3天后, in 2 hours, 3 days ago (negative) */
  shift?: { amount: number; unit: ShiftUnit };
  /** The text itself has another reading: 5/3, "next Friday". */
  ambiguous?: boolean;
  /** End of an explicit range (3点到5点); missing fields are taken from the start. */
  to?: DateParts;
}

/** A stretch of text that says something about a date or time. */
export interface DateAtom {
  start: number;
  end: number;
  parts: DateParts;
  /** Only counts next to another atom (morning, 一点): alone it is too often something else. */
  weak?: boolean;
}

type Category = 'date' | 'time' | 'partOfDay';

const DATE_KEYS = [
  'year',
  'yearOffset',
  'month',
  'monthOffset',
  'day',
  'dayOffset',
  'weekday',
  'weekOffset',
  'period',
];

export function categories(parts: DateParts): Set<Category> {
  const out = new Set<Category>();
  if (DATE_KEYS.some((k) => k in parts)) out.add('date');
  if (parts.hour !== undefined) out.add('time');
  if (parts.partOfDay !== undefined || parts.meridiem !== undefined) out.add('partOfDay');
  if (parts.shift !== undefined) {
    out.add('date');
    if (parts.shift.unit === 'hour' || parts.shift.unit === 'minute') {
      out.add('time');
      out.add('partOfDay');
    }
  }
  return out;
}

/** Parts of two adjacent atoms as one, or null when they both say the same kind of thing. */
export function mergeParts(a: DateParts, b: DateParts): DateParts | null {
  if (a.to !== undefined || b.to !== undefined) {
    // A range takes a date or part of day that applies to both ends: 明天 + 3点到5点. The end keeps
    // only what it said itself and inherits the rest when resolved, so 晚上10点到2点 can end after midnight.
    const [range, other] = a.to !== undefined ? [a, b] : [b, a];
    if (other.to !== undefined || categories(other).has('time')) return null;
    const start = mergeParts(other, { ...range, to: undefined });
    if (start === null) return null;
    return { ...start, to: range.to };
  }
  const ca = categories(a);
  const cb = categories(b);
  for (const c of ca) {
    if (!cb.has(c)) continue;
    // 晚上 + 8pm would say the part of day twice; 今晚 + 8点 is fine because 8点 has no part of day.
    return null;
  }
  const merged: DateParts = { ...a, ...b };
  if (a.ambiguous || b.ambiguous) merged.ambiguous = true;
  else delete merged.ambiguous;
  return merged;
}

/** 半年 → 6 months, 一天半 → 36 hours: fractions move down a unit. */
export function wholeShift(amount: number, unit: ShiftUnit): DateParts['shift'] | null {
  if (Number.isInteger(amount) || unit === 'minute') return { amount, unit };
  const down: Record<ShiftUnit, [ShiftUnit, number]> = {
    year: ['month', 12],
    month: ['day', 30],
    week: ['day', 7],
    day: ['hour', 24],
    hour: ['minute', 60],
    minute: ['minute', 1],
  };
  const [next, factor] = down[unit];
  return wholeShift(amount * factor, next);
}
