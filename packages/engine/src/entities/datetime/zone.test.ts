import { describe, expect, it } from 'vitest';
import { EntityOptionsError } from '../errors.ts';
import { extractEntities } from '../extract.ts';
import { formatIso, fromLocal, offsetMinutes, toLocal } from './zone.ts';

describe('time zones', () => {
  it('defaults to Asia/Shanghai', () => {
    // 20:00 UTC on 4 March is already 5 March in Shanghai.
    const [entity] = extractEntities('明天', { now: new Date('2026-03-04T20:00:00Z') });
    expect(entity).toMatchObject({ type: 'datetime', value: { date: '2026-03-06' } });
  });

  it('resolves in the workspace zone, with its offset', () => {
    const [entity] = extractEntities('tomorrow 3pm', {
      now: new Date('2026-03-04T20:00:00Z'),
      timezone: 'America/New_York',
    });
    expect(entity).toMatchObject({ value: { iso: '2026-03-05T15:00:00-05:00' } });
  });

  it('uses the offset in force on the resolved day across a DST change', () => {
    const [entity] = extractEntities('next Monday 9am', {
      now: new Date('2026-03-04T15:00:00Z'),
      timezone: 'America/New_York',
    });
    // US clocks move forward on 8 March 2026.
    expect(entity).toMatchObject({ value: { iso: '2026-03-09T09:00:00-04:00' } });
  });

  it('rejects an unknown zone with a clear error', () => {
    expect(() => extractEntities('明天', { timezone: 'Mars/Olympus' })).toThrow(EntityOptionsError);
  });

  it('round-trips wall-clock times', () => {
    const ms = fromLocal({ year: 2026, month: 3, day: 5, hour: 15, minute: 0 }, 'Asia/Shanghai');
    expect(new Date(ms).toISOString()).toBe('2026-03-05T07:00:00.000Z');
    expect(toLocal(ms, 'Asia/Shanghai')).toMatchObject({ day: 5, hour: 15 });
    expect(offsetMinutes(ms, 'Asia/Shanghai')).toBe(480);
    expect(formatIso({ year: 2026, month: 7, day: 1, hour: 9, minute: 5 }, 'Europe/London')).toBe(
      '2026-07-01T09:05:00+01:00',
    );
  });
});
