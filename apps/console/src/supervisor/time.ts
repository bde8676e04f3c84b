import type { Translate } from '../i18n.ts';

/** 45 s · 3 min · 1 h 20 min, in the reader's language. */
export function formatSeconds(total: number, t: Translate): string {
  const seconds = Math.max(0, Math.round(total));
  if (seconds < 60) return t('duration.seconds', { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('duration.minutes', { n: minutes });
  return t('duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
