import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../records.ts';
import { addOpenSeconds, isOpenAt, localTime, nextOpening } from './hours.ts';
import { DEFAULT_SLA, dueSlaFlags, priorityBand, slaDeadlines } from './sla.ts';

const shanghai: BusinessHours = {
  timezone: 'Asia/Shanghai',
  weekly: {
    mon: [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    tue: [{ from: '09:00', to: '18:00' }],
    sat: [{ from: '10:00', to: '16:00' }],
  },
  holidays: ['2026-12-08'],
};
// 2026-12-07 is a Monday; Shanghai is UTC+8
const at = (iso: string) => new Date(iso);

describe('business hours in a time zone', () => {
  it('reads local weekday and time', () => {
    expect(localTime(at('2026-12-07T01:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-12-07',
      weekday: 'mon',
      minute: 9 * 60 + 30,
    });
    // the same instant is still Sunday in New York
    expect(localTime(at('2026-12-07T01:30:00Z'), 'America/New_York').weekday).toBe('sun');
  });

  it('is open within the intervals, closed at lunch, at night, on other days and on holidays', () => {
    expect(isOpenAt(shanghai, at('2026-12-07T01:30:00Z'))).toBe(true); // Mon 09:30
    expect(isOpenAt(shanghai, at('2026-12-07T04:30:00Z'))).toBe(false); // Mon 12:30 lunch
    expect(isOpenAt(shanghai, at('2026-12-07T10:00:00Z'))).toBe(false); // Mon 18:00 (end is exclusive)
    expect(isOpenAt(shanghai, at('2026-12-08T02:00:00Z'))).toBe(false); // Tue 10:00, a holiday
    expect(isOpenAt(shanghai, at('2026-12-09T02:00:00Z'))).toBe(false); // Wednesday: no hours
    expect(isOpenAt(null, at('2026-12-09T02:00:00Z'))).toBe(true); // no hours: always open
  });

  it('finds the next opening, skipping holidays and closed days', () => {
    // Monday 18:30 → Tuesday is a holiday → Saturday 10:00 local
    expect(nextOpening(shanghai, at('2026-12-07T10:30:00Z'))?.toISOString()).toBe('2026-12-12T02:00:00.000Z');
    // Monday at lunch → 13:00 the same day
    expect(nextOpening(shanghai, at('2026-12-07T04:10:00Z'))?.toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(nextOpening(shanghai, at('2026-12-07T01:30:00Z'))).toBeNull(); // open now
    expect(nextOpening({ timezone: 'UTC', weekly: {}, holidays: [] }, at('2026-12-07T01:30:00Z'))).toBeNull();
  });
});

describe('business time', () => {
  it('stops the clock while closed: lunch, night, holidays and closed days', () => {
    // Monday 11:50 + 20 minutes: 10 before lunch, 10 after → 13:10 local
    expect(addOpenSeconds(shanghai, at('2026-12-07T03:50:00Z'), 20 * 60)?.toISOString()).toBe(
      '2026-12-07T05:10:00.000Z',
    );
    // Monday 17:55 + 10 minutes: 5 today; Tuesday is a holiday; 5 more from Saturday 10:00
    expect(addOpenSeconds(shanghai, at('2026-12-07T09:55:00Z'), 10 * 60)?.toISOString()).toBe(
      '2026-12-12T02:05:00.000Z',
    );
    // queued at night: the clock starts at the opening
    expect(addOpenSeconds(shanghai, at('2026-12-06T20:00:00Z'), 60)?.toISOString()).toBe(
      '2026-12-07T01:01:00.000Z',
    );
    expect(addOpenSeconds(null, at('2026-12-07T03:50:00Z'), 60)?.toISOString()).toBe(
      '2026-12-07T03:51:00.000Z',
    );
    expect(
      addOpenSeconds({ timezone: 'UTC', weekly: {}, holidays: [] }, at('2026-12-07T03:50:00Z'), 60),
    ).toBeNull();
  });

  it('sets SLA deadlines in business time when the queue has hours', () => {
    const due = slaDeadlines(null, 0, at('2026-12-07T09:55:00Z'), shanghai); // Monday 17:55, 5 minutes to reply
    expect(due.firstResponseDueAt.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    const late = slaDeadlines(null, 0, at('2026-12-07T09:58:00Z'), shanghai); // 2 minutes today, 3 on Saturday
    expect(late.firstResponseDueAt.toISOString()).toBe('2026-12-12T02:03:00.000Z');
  });
});

describe('SLA', () => {
  const queuedAt = at('2026-12-07T01:00:00Z');

  it('sets deadlines by priority band', () => {
    expect(priorityBand(10)).toBe('normal');
    expect(priorityBand(45)).toBe('high');
    expect(priorityBand(80)).toBe('urgent');
    const due = slaDeadlines(null, 80, queuedAt);
    expect(due.firstResponseDueAt.getTime() - queuedAt.getTime()).toBe(
      DEFAULT_SLA.firstResponseSeconds.urgent * 1000,
    );
    expect(due.resolutionDueAt.getTime() - queuedAt.getTime()).toBe(
      DEFAULT_SLA.resolutionSeconds.urgent * 1000,
    );
  });

  it('warns at 80% of the time, breaches at 100%, each once, and stops the first-response clock on a reply', () => {
    const { firstResponseDueAt, resolutionDueAt } = slaDeadlines(null, 0, queuedAt); // 300 s to first reply
    const base = {
      queuedAt,
      firstResponseDueAt,
      resolutionDueAt,
      firstResponseAt: null,
      flags: [] as string[],
    };
    expect(dueSlaFlags(base, at('2026-12-07T01:03:00Z'))).toEqual([]);
    expect(dueSlaFlags(base, at('2026-12-07T01:04:01Z')).map((f) => f.flag)).toEqual([
      'first_response:warning',
    ]);
    expect(dueSlaFlags(base, at('2026-12-07T01:05:01Z')).map((f) => f.flag)).toEqual([
      'first_response:warning',
      'first_response:breach',
    ]);
    expect(
      dueSlaFlags({ ...base, flags: ['first_response:warning'] }, at('2026-12-07T01:05:01Z')).map(
        (f) => f.flag,
      ),
    ).toEqual(['first_response:breach']);
    expect(
      dueSlaFlags({ ...base, firstResponseAt: at('2026-12-07T01:02:00Z') }, at('2026-12-07T01:05:01Z')),
    ).toEqual([]);
  });
});
