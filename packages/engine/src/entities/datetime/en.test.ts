import { describe, expect, it } from 'vitest';
import { extractEntities } from '../extract.ts';
import type { DateTimeValue, EntityOptions } from '../types.ts';

// Wednesday 4 March 2026, 10:00 in Shanghai.
const now = new Date('2026-03-04T10:00:00+08:00');

function dates(text: string, options: EntityOptions = {}): Array<{ text: string } & DateTimeValue> {
  return extractEntities(text, { now, types: ['datetime'], ...options }).flatMap((e) =>
    e.type === 'datetime' ? [{ text: e.text, ...e.value }] : [],
  );
}

function one(text: string, options: EntityOptions = {}): DateTimeValue & { text: string } {
  const found = dates(text, options);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('English dates and times', () => {
  it('tomorrow 3pm', () => {
    expect(one('tomorrow 3pm')).toEqual({
      text: 'tomorrow 3pm',
      iso: '2026-03-05T15:00:00+08:00',
      grain: 'hour',
      date: '2026-03-05',
      time: '15:00',
    });
  });

  it.each([
    ['today', '2026-03-04'],
    ['tomorrow', '2026-03-05'],
    ['yesterday', '2026-03-03'],
    ['the day after tomorrow', '2026-03-06'],
    ['next Monday', '2026-03-09'],
    ['this Friday', '2026-03-06'],
    ['last Tuesday', '2026-02-24'],
    ['Friday', '2026-03-06'],
    ['Sunday', '2026-03-08'],
    ['March 5', '2026-03-05'],
    ['March 5th, 2027', '2027-03-05'],
    ['5 March', '2026-03-05'],
    ['the 5th of March', '2026-03-05'],
    ['Dec 25', '2025-12-25'],
    ['in 2 days', '2026-03-06'],
    ['in two weeks', '2026-03-18'],
    ['3 days ago', '2026-03-01'],
    ['a month from now', '2026-04-04'],
    ['12/25/2026', '2026-12-25'],
    ['25/12/2026', '2026-12-25'],
  ])('%s → %s', (text, date) => {
    const value = one(text);
    expect(value.date).toBe(date);
    expect(value.grain).toBe('day');
  });

  it.each([
    ['on Friday at 8:30', 'Friday at 8:30', '2026-03-06T08:30:00+08:00'],
    ['at 3pm tomorrow', '3pm tomorrow', '2026-03-05T15:00:00+08:00'],
    ['next Monday at 10am', 'next Monday at 10am', '2026-03-09T10:00:00+08:00'],
    ['3:30 p.m.', '3:30 p.m.', '2026-03-04T15:30:00+08:00'],
    ['tonight at 8', 'tonight at 8', '2026-03-04T20:00:00+08:00'],
    ['tomorrow at noon', 'tomorrow at noon', '2026-03-05T12:00:00+08:00'],
    ['midnight', 'midnight', '2026-03-05T00:00:00+08:00'],
    ['half past three pm', 'half past three pm', '2026-03-04T15:30:00+08:00'],
    ['quarter to 5 pm', 'quarter to 5 pm', '2026-03-04T16:45:00+08:00'],
    ['in 30 minutes', 'in 30 minutes', '2026-03-04T10:30:00+08:00'],
    ['in half an hour', 'in half an hour', '2026-03-04T10:30:00+08:00'],
    ['March 5 at 14:00', 'March 5 at 14:00', '2026-03-05T14:00:00+08:00'],
  ])('%s', (text, span, iso) => {
    const value = one(text);
    expect(value.text).toBe(span);
    expect(value.iso).toBe(iso);
  });

  it('reads a part of day with a day as a range', () => {
    expect(one('tomorrow morning')).toMatchObject({
      iso: '2026-03-05T06:00:00+08:00',
      end: '2026-03-05T12:00:00+08:00',
    });
    expect(one('this evening')).toMatchObject({ iso: '2026-03-04T18:00:00+08:00' });
  });

  it('reads periods as ranges', () => {
    expect(one('next week')).toMatchObject({ date: '2026-03-09', end: '2026-03-16T00:00:00+08:00' });
    expect(one('this weekend')).toMatchObject({ date: '2026-03-07', end: '2026-03-09T00:00:00+08:00' });
    expect(one('March 2026')).toMatchObject({ date: '2026-03-01', end: '2026-04-01T00:00:00+08:00' });
  });

  it('reads 5/3 month first by default, day first on request, ambiguous either way', () => {
    expect(one('5/3')).toMatchObject({ date: '2026-05-03', ambiguous: true });
    expect(one('5/3', { dayFirst: true })).toMatchObject({ date: '2026-03-05', ambiguous: true });
    expect(one('25/3').ambiguous).toBeUndefined();
    expect(one('25/3').date).toBe('2026-03-25');
  });

  it('marks "next Friday" ambiguous when this week\'s Friday is still to come', () => {
    expect(one('next Friday')).toMatchObject({ date: '2026-03-13', ambiguous: true });
    expect(one('next Monday').ambiguous).toBeUndefined();
  });

  it('rejects dates that do not exist', () => {
    expect(dates('February 30')).toEqual([]);
    expect(dates('2/30/2026')).toEqual([]);
    expect(dates('at 25')).toEqual([]);
  });

  it('does not read greetings or words as dates', () => {
    expect(dates('good morning')).toEqual([]);
    expect(dates('we sat in the sun')).toEqual([]);
    expect(dates('you may 5 times')).toEqual([]);
    expect(dates('it costs at 5 dollars')).toEqual([]);
  });
});
