/** A wall-clock date and time in some zone; month 1–12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

// formatToParts is the slow step; a long message resolves the same few instants many times.
const localCache = new Map<string, LocalDateTime & { second: number }>();
const MAX_CACHED = 2000;

/** Wall-clock time at instant `ms` in `timeZone`. */
export function toLocal(ms: number, timeZone: string): LocalDateTime & { second: number } {
  const key = `${timeZone}|${ms}`;
  const hit = localCache.get(key);
  if (hit !== undefined) return { ...hit };
  const local = computeLocal(ms, timeZone);
  if (localCache.size >= MAX_CACHED) localCache.clear();
  localCache.set(key, local);
  return { ...local };
}

function computeLocal(ms: number, timeZone: string): LocalDateTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at instant `ms`, in minutes (480 for Asia/Shanghai). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** Instant of a wall-clock time; in a DST gap the later offset wins, which moves the time forward. */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = guess - offsetMinutes(guess, timeZone) * 60000;
  const second = guess - offsetMinutes(first, timeZone) * 60000;
  return second;
}

/** 2026-03-05T15:00:00+08:00 */
export function formatIso(local: LocalDateTime, timeZone: string): string {
  const ms = fromLocal(local, timeZone);
  const actual = toLocal(ms, timeZone);
  const offset = offsetMinutes(ms, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${formatDate(actual)}T${pad(actual.hour)}:${pad(actual.minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function formatDate(d: { year: number; month: number; day: number }): string {
  return `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}
