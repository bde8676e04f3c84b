import { describe, expect, it } from 'vitest';
import { formatClock, formatRelative, formatWait, minutesSince } from './time.ts';

const now = new Date(2025, 2, 10, 15, 30, 0).getTime();
const ago = (ms: number) => new Date(now - ms).toISOString();
const minute = 60_000;

describe('formatRelative', () => {
  it('says just now, minutes and hours ago', () => {
    expect(formatRelative(ago(20_000), now, 'zh')).toBe('刚刚');
    expect(formatRelative(ago(5 * minute), now, 'zh')).toBe('5 分钟前');
    expect(formatRelative(ago(5 * minute), now, 'en')).toBe('5 min ago');
    expect(formatRelative(ago(3 * 60 * minute), now, 'en')).toBe('3 h ago');
  });

  it('says yesterday and days ago by calendar day', () => {
    const yesterdayLate = new Date(2025, 2, 9, 23, 0).toISOString();
    expect(formatRelative(yesterdayLate, now, 'zh')).toBe('昨天');
    expect(formatRelative(new Date(2025, 2, 7, 9, 0).toISOString(), now, 'en')).toBe('3 d ago');
  });

  it('shows a date for older times', () => {
    expect(formatRelative(new Date(2025, 1, 2, 9, 0).toISOString(), now, 'zh')).toBe('2月2日');
    expect(formatRelative(new Date(2025, 1, 2, 9, 0).toISOString(), now, 'en')).toBe('Feb 2');
    expect(formatRelative(new Date(2024, 1, 2, 9, 0).toISOString(), now, 'en')).toBe('Feb 2, 2024');
  });

  it('treats future times (clock skew) as just now and bad input as empty', () => {
    expect(formatRelative(new Date(now + 30_000).toISOString(), now, 'en')).toBe('just now');
    expect(formatRelative('not a date', now, 'en')).toBe('');
  });
});

describe('formatWait', () => {
  it('formats waiting time', () => {
    expect(formatWait(ago(30_000), now, 'zh')).toBe('等待不到 1 分钟');
    expect(formatWait(ago(2 * minute + 5_000), now, 'zh')).toBe('等待 2 分钟');
    expect(formatWait(ago(2 * minute), now, 'en')).toBe('waiting 2 min');
    expect(formatWait(ago(65 * minute), now, 'zh')).toBe('等待 1 小时 5 分钟');
  });

  it('counts whole minutes', () => {
    expect(minutesSince(ago(119_000), now)).toBe(1);
  });
});

describe('formatClock', () => {
  it('shows only the time today and adds the date otherwise', () => {
    expect(formatClock(new Date(2025, 2, 10, 9, 5).toISOString(), now, 'en')).toBe('09:05');
    expect(formatClock(new Date(2025, 2, 8, 18, 40).toISOString(), now, 'zh')).toBe('3月8日 18:40');
  });
});
