import { describe, expect, it } from 'vitest';
import { extractEntities } from '../extract.ts';
import type { DateTimeValue } from '../types.ts';

// Wednesday 4 March 2026, 10:00 in Shanghai.
const now = new Date('2026-03-04T10:00:00+08:00');

function dates(text: string): Array<{ text: string } & DateTimeValue> {
  return extractEntities(text, { now, types: ['datetime'] }).flatMap((e) =>
    e.type === 'datetime' ? [{ text: e.text, ...e.value }] : [],
  );
}

function one(text: string): DateTimeValue & { text: string } {
  const found = dates(text);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('Chinese dates and times', () => {
  it('明天下午三点', () => {
    expect(one('明天下午三点')).toEqual({
      text: '明天下午三点',
      iso: '2026-03-05T15:00:00+08:00',
      grain: 'hour',
      date: '2026-03-05',
      time: '15:00',
    });
  });

  it.each([
    ['今天', '2026-03-04'],
    ['明天', '2026-03-05'],
    ['后天', '2026-03-06'],
    ['大后天', '2026-03-07'],
    ['昨天', '2026-03-03'],
    ['前天', '2026-03-02'],
    ['下周一', '2026-03-09'],
    ['本周五', '2026-03-06'],
    ['这周一', '2026-03-02'],
    ['上周三', '2026-02-25'],
    ['星期天', '2026-03-08'],
    ['周五', '2026-03-06'],
    ['周三', '2026-03-04'],
    ['周二', '2026-03-10'],
    ['3月5日', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['二〇二六年三月五号', '2026-03-05'],
    ['26年12月1日', '2026-12-01'],
    ['明年1月2日', '2027-01-02'],
    ['下个月5号', '2026-04-05'],
    ['15号', '2026-03-15'],
    ['3天后', '2026-03-07'],
    ['两周后', '2026-03-18'],
    ['一个月后', '2026-04-04'],
    ['三天前', '2026-03-01'],
    ['过两天', '2026-03-06'],
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
  ])('%s → %s', (text, date) => {
    const value = one(text);
    expect(value.text).toBe(text);
    expect(value.date).toBe(date);
    expect(value.grain).toBe('day');
  });

  it.each([
    ['本周五晚上8点', '2026-03-06T20:00:00+08:00', 'hour'],
    ['上午10点半', '2026-03-04T10:30:00+08:00', 'minute'],
    ['下午3点15分', '2026-03-04T15:15:00+08:00', 'minute'],
    ['下午三点一刻', '2026-03-04T15:15:00+08:00', 'minute'],
    ['晚上八点四十五', '2026-03-04T20:45:00+08:00', 'minute'],
    ['中午12点', '2026-03-04T12:00:00+08:00', 'hour'],
    ['中午1点', '2026-03-04T13:00:00+08:00', 'hour'],
    ['凌晨两点', '2026-03-04T02:00:00+08:00', 'hour'],
    ['晚上12点', '2026-03-05T00:00:00+08:00', 'hour'],
    ['今晚8点', '2026-03-04T20:00:00+08:00', 'hour'],
    ['明早7点', '2026-03-05T07:00:00+08:00', 'hour'],
    ['晚8点', '2026-03-04T20:00:00+08:00', 'hour'],
    ['15:30', '2026-03-04T15:30:00+08:00', 'minute'],
    ['3月5日 15:30', '2026-03-05T15:30:00+08:00', 'minute'],
    ['明天的下午两点', '2026-03-05T14:00:00+08:00', 'hour'],
    ['下周一上午10点', '2026-03-09T10:00:00+08:00', 'hour'],
    ['两小时后', '2026-03-04T12:00:00+08:00', 'minute'],
    ['半小时后', '2026-03-04T10:30:00+08:00', 'minute'],
    ['一个半小时后', '2026-03-04T11:30:00+08:00', 'minute'],
    ['3天后下午2点', '2026-03-07T14:00:00+08:00', 'hour'],
  ])('%s → %s', (text, iso, grain) => {
    const value = one(text);
    expect(value.text).toBe(text);
    expect(value.iso).toBe(iso);
    expect(value.grain).toBe(grain);
    expect(value.ambiguous).toBeUndefined();
  });

  it('reads a part of day alone as a range', () => {
    expect(one('今晚')).toMatchObject({ iso: '2026-03-04T18:00:00+08:00', end: '2026-03-05T00:00:00+08:00' });
    expect(one('明天下午')).toMatchObject({
      iso: '2026-03-05T12:00:00+08:00',
      end: '2026-03-05T18:00:00+08:00',
      grain: 'hour',
    });
  });

  it('reads whole weeks, weekends and months as ranges', () => {
    expect(one('下周')).toMatchObject({ date: '2026-03-09', end: '2026-03-16T00:00:00+08:00' });
    expect(one('这周末')).toMatchObject({ date: '2026-03-07', end: '2026-03-09T00:00:00+08:00' });
    expect(one('下个月')).toMatchObject({ date: '2026-04-01', end: '2026-05-01T00:00:00+08:00' });
    expect(one('5月份')).toMatchObject({ date: '2026-05-01', end: '2026-06-01T00:00:00+08:00' });
  });

  it('marks a bare clock hour ambiguous and reads 1–6 as afternoon, 7–11 as morning', () => {
    expect(one('我3点来')).toMatchObject({ text: '3点', time: '15:00', ambiguous: true });
    expect(one('明天9点')).toMatchObject({ iso: '2026-03-05T09:00:00+08:00', ambiguous: true });
  });

  it('picks the nearest year for a month and day without one', () => {
    expect(one('12月28日').date).toBe('2025-12-28');
    expect(one('4月1日').date).toBe('2026-04-01');
  });

  it('rejects dates that do not exist', () => {
    expect(dates('2月30日')).toEqual([]);
    expect(dates('2026年2月29日')).toEqual([]);
    expect(dates('13月1日')).toEqual([]);
    expect(dates('2026-02-30')).toEqual([]);
    expect(dates('4月31号')).toEqual([]);
    expect(dates('25点')).toEqual([]);
  });

  it('does not read greetings, counts or "a little" as times', () => {
    expect(dates('晚上好')).toEqual([]);
    expect(dates('早上好')).toEqual([]);
    expect(dates('快一点')).toEqual([]);
    expect(dates('第三点要注意')).toEqual([]);
    expect(dates('一周一次')).toEqual([]);
    expect(dates('5号楼3号线')).toEqual([]);
    expect(dates('3月前')).toEqual([expect.objectContaining({ text: '3月' })]);
  });

  it('reads 三点五 as a number, not 3:05', () => {
    const entities = extractEntities('三点五', { now });
    expect(entities.map((e) => e.type)).toEqual(['number']);
  });

  it('accepts a lone 一点 only next to a date or part of day', () => {
    expect(one('明天一点')).toMatchObject({ time: '13:00' });
    expect(one('下午一点半')).toMatchObject({ time: '13:30' });
  });
});
