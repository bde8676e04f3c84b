import { describe, expect, it } from 'vitest';
import { extractEntities } from '../extract.ts';
import type { DateTimeValue } from '../types.ts';

// Wednesday 4 March 2026, 10:00 in Shanghai.
const now = new Date('2026-03-04T10:00:00+08:00');

function one(text: string): DateTimeValue & { text: string } {
  const found = extractEntities(text, { now, types: ['datetime'] }).flatMap((e) =>
    e.type === 'datetime' ? [{ text: e.text, ...e.value }] : [],
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('date and time ranges', () => {
  it.each([
    ['明天下午3点到5点', '2026-03-05T15:00:00+08:00', '2026-03-05T17:00:00+08:00'],
    ['3点到5点', '2026-03-04T15:00:00+08:00', '2026-03-04T17:00:00+08:00'],
    ['上午11点到1点', '2026-03-04T11:00:00+08:00', '2026-03-04T13:00:00+08:00'],
    ['晚上10点到凌晨2点', '2026-03-04T22:00:00+08:00', '2026-03-05T02:00:00+08:00'],
    ['晚上10点到2点', '2026-03-04T22:00:00+08:00', '2026-03-05T02:00:00+08:00'],
    ['10:00-12:00', '2026-03-04T10:00:00+08:00', '2026-03-04T12:00:00+08:00'],
    ['下午3-5点', '2026-03-04T15:00:00+08:00', '2026-03-04T17:00:00+08:00'],
    ['9am to 5pm', '2026-03-04T09:00:00+08:00', '2026-03-04T17:00:00+08:00'],
    ['3-5pm tomorrow', '2026-03-05T15:00:00+08:00', '2026-03-05T17:00:00+08:00'],
    ['between 2 and 4pm', '2026-03-04T14:00:00+08:00', '2026-03-04T16:00:00+08:00'],
    ['11-1pm', '2026-03-04T11:00:00+08:00', '2026-03-04T13:00:00+08:00'],
  ])('%s', (text, iso, end) => {
    expect(one(text)).toMatchObject({ text, iso, end });
  });

  it('ends a day range at the start of the day after the last day', () => {
    expect(one('3月5日至8日')).toMatchObject({
      date: '2026-03-05',
      end: '2026-03-09T00:00:00+08:00',
      grain: 'day',
    });
    expect(one('下周一到周三')).toMatchObject({ date: '2026-03-09', end: '2026-03-12T00:00:00+08:00' });
    expect(one('Monday to Friday')).toMatchObject({ date: '2026-03-09', end: '2026-03-14T00:00:00+08:00' });
  });

  it('rolls an end that would come before the start forward', () => {
    // 周五 is this Friday, 周一 the Monday after it.
    expect(one('周五到周一')).toMatchObject({ date: '2026-03-06', end: '2026-03-10T00:00:00+08:00' });
    expect(one('12月28日到1月3日')).toMatchObject({ date: '2025-12-28', end: '2026-01-04T00:00:00+08:00' });
  });

  it('keeps two dates apart when they cannot form a range', () => {
    const found = extractEntities('明天 and 后天', { now, types: ['datetime'] });
    expect(found.map((e) => e.text)).toEqual(['明天', '后天']);
  });
});
