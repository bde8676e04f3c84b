import type { DateParts, PartOfDay } from './parts.ts';

/** Hours [from, to) a part of day covers when no clock time is given; to may pass 24. */
export const PART_OF_DAY_HOURS: Record<PartOfDay, [number, number]> = {
  early: [0, 6],
  morning: [6, 12],
  noon: [11, 14],
  afternoon: [12, 18],
  dusk: [17, 19],
  evening: [18, 24],
  night: [21, 24],
};

/**
 * The 24-hour hour a clock hour means given 下午/pm and friends (晚上8点 → 20, 中午1点 → 13, 凌晨2点 → 2).
 * Without any, 1–6 read as afternoon and 7–11 as morning, the way people book customer-service
 * call-backs, and the result is marked ambiguous. 24 means midnight at the end of the day.
 */
export function clockHour(parts: DateParts): { hour: number; ambiguous: boolean } | null {
  const h = parts.hour;
  if (h === undefined || h < 0 || h > 24) return null;
  if (parts.clock24 || h === 0 || h > 12)
    return h > 12 && parts.meridiem === 'am' ? null : { hour: h, ambiguous: false };
  if (parts.meridiem === 'am') return { hour: h === 12 ? 0 : h, ambiguous: false };
  if (parts.meridiem === 'pm') return { hour: h === 12 ? 12 : h + 12, ambiguous: false };
  switch (parts.partOfDay) {
    case 'early':
      return { hour: h === 12 ? 0 : h, ambiguous: false };
    case 'morning':
      return { hour: h, ambiguous: false };
    case 'noon':
      return { hour: h <= 3 ? h + 12 : h, ambiguous: false };
    case 'afternoon':
    case 'dusk':
    case 'evening':
      return { hour: h === 12 ? (parts.partOfDay === 'afternoon' ? 12 : 24) : h + 12, ambiguous: false };
    case 'night':
      return { hour: h === 12 ? 24 : h >= 6 ? h + 12 : h, ambiguous: false };
    case undefined:
      return { hour: h <= 6 ? h + 12 : h, ambiguous: true };
  }
}
