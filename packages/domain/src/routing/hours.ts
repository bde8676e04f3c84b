import type { BusinessHours, Weekday } from '../records.ts';

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date, weekday and minute of the day of `at` in a time zone. */
export function localTime(at: Date, timezone: string): { date: string; weekday: Weekday; minute: number } {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timezone, format);
  }
  const parts = new Map(format.formatToParts(at).map((p) => [p.type, p.value]));
  const year = Number(parts.get('year'));
  const month = Number(parts.get('month'));
  const day = Number(parts.get('day'));
  const date = `${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`;
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] as Weekday;
  return { date, weekday, minute: Number(parts.get('hour')) * 60 + Number(parts.get('minute')) };
}

const minuteOf = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return (h as number) * 60 + (m as number);
};

/** Whether `at` falls within the hours (null hours: always open). Holidays are closed all day. */
export function isOpenAt(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const local = localTime(at, hours.timezone);
  if (hours.holidays.includes(local.date)) return false;
  const intervals = hours.weekly[local.weekday] ?? [];
  return intervals.some((i) => local.minute >= minuteOf(i.from) && local.minute < minuteOf(i.to));
}

/**
 * The next moment the hours open after `at` (null: open now, or never within two weeks). Found by stepping
 * through the coming days in 15-minute steps, which is exact for hours on quarter-hour boundaries (all the
 * console offers) and within a quarter of an hour otherwise.
 */
export function nextOpening(hours: BusinessHours | null, at: Date): Date | null {
  if (isOpenAt(hours, at)) return null;
  const step = 15 * 60_000;
  let t = Math.ceil(at.getTime() / step) * step;
  for (let i = 0; i < (14 * 24 * 60) / 15; i++, t += step) {
    if (isOpenAt(hours, new Date(t))) return new Date(t);
  }
  return null;
}

/**
 * `start` plus `seconds` of open time (null hours: plain time): what an SLA deadline is in business time —
 * the clock stops at closing and starts again at the next opening. Null when the hours never open again
 * within two weeks (the deadline is then plain time, by the caller's choice).
 */
export function addOpenSeconds(hours: BusinessHours | null, start: Date, seconds: number): Date | null {
  if (!hours) return new Date(start.getTime() + seconds * 1000);
  let t = start.getTime();
  let remaining = seconds * 1000;
  for (let step = 0; step < 500; step++) {
    const at = new Date(t);
    if (!isOpenAt(hours, at)) {
      const opening = nextOpening(hours, at);
      if (!opening) return null;
      t = opening.getTime();
      continue;
    }
    const local = localTime(at, hours.timezone);
    const interval = (hours.weekly[local.weekday] ?? []).find(
      (i) => local.minute >= minuteOf(i.from) && local.minute < minuteOf(i.to),
    );
    // the open stretch left today (to the minute; a stretch crossing a clock change is off by that change)
    const left = interval ? (minuteOf(interval.to) - local.minute) * 60_000 - (t % 60_000) : 60_000;
    if (remaining <= left) return new Date(t + remaining);
    remaining -= left;
    t += left;
  }
  return null;
}
