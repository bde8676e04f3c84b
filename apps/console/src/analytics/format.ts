import type { Translate } from '../i18n.ts';

/** A duration in seconds as people read it: seconds, minutes or hours. */
export function formatSeconds(t: Translate, seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 120) return t('analytics.seconds', { n: Math.round(seconds) });
  if (seconds < 7200) return t('analytics.minutes', { n: Math.round(seconds / 6) / 10 });
  return t('analytics.hours', { n: Math.round(seconds / 360) / 10 });
}

export const formatPercent = (rate: number | null) =>
  rate === null ? '–' : `${Math.round(rate * 1000) / 10}%`;
export const formatAverage = (value: number | null) =>
  value === null ? '–' : (Math.round(value * 100) / 100).toFixed(2);
