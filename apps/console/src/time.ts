import type { Lang } from '@tandem/protocol';
import { localeOf, translate } from './i18n.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** "刚刚", "3 分钟前", "昨天", "11月2日": how long ago something happened, for inbox rows. */
export function formatRelative(iso: string, now: number, lang: Lang): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const elapsed = Math.max(0, now - then);
  if (elapsed < minute) return translate(lang, 'time.justNow');
  if (elapsed < hour) return translate(lang, 'time.minutesAgo', { n: Math.floor(elapsed / minute) });
  const days = Math.round((startOfDay(now) - startOfDay(then)) / day);
  if (days === 0) return translate(lang, 'time.hoursAgo', { n: Math.floor(elapsed / hour) });
  if (days === 1) return translate(lang, 'time.yesterday');
  if (days < 7) return translate(lang, 'time.daysAgo', { n: days });
  return formatDate(then, now, lang);
}

/** "等待 2 分钟": how long a queued customer has waited. */
export function formatWait(sinceIso: string, now: number, lang: Lang): string {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return '';
  const elapsed = Math.max(0, now - since);
  if (elapsed < minute) return translate(lang, 'wait.underMinute');
  if (elapsed < hour) return translate(lang, 'wait.minutes', { n: Math.floor(elapsed / minute) });
  return translate(lang, 'wait.hours', {
    h: Math.floor(elapsed / hour),
    m: Math.floor((elapsed % hour) / minute),
  });
}

/** Whole minutes waited, to tell long waits apart in the queue. */
export function minutesSince(iso: string, now: number): number {
  const since = Date.parse(iso);
  return Number.isNaN(since) ? 0 : Math.max(0, Math.floor((now - since) / minute));
}

/** "14:05" today, "11月2日 14:05" on other days: message times. */
export function formatClock(iso: string, now: number, lang: Lang): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const time = new Intl.DateTimeFormat(localeOf(lang), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(then);
  if (startOfDay(then) === startOfDay(now)) return time;
  return `${formatDate(then, now, lang)} ${time}`;
}

/** "11月2日" / "Nov 2", with the year only when it is not the current one. */
export function formatDate(ms: number, now: number, lang: Lang): string {
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(localeOf(lang), {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(ms);
}
