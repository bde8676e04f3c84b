/** English month and weekday names with their abbreviations. */
// Maps, not object literals: no text may find Object.prototype's members.
export const MONTHS = new Map(
  Object.entries<number>({
    january: 1,
    jan: 1,
    february: 2,
    feb: 2,
    march: 3,
    mar: 3,
    april: 4,
    apr: 4,
    may: 5,
    june: 6,
    jun: 6,
    july: 7,
    jul: 7,
    august: 8,
    aug: 8,
    september: 9,
    sept: 9,
    sep: 9,
    october: 10,
    oct: 10,
    november: 11,
    nov: 11,
    december: 12,
    dec: 12,
  }),
);
export const WEEKDAYS = new Map(
  Object.entries<number>({
    monday: 1,
    mon: 1,
    tuesday: 2,
    tues: 2,
    tue: 2,
    wednesday: 3,
    wed: 3,
    thursday: 4,
    thurs: 4,
    thur: 4,
    thu: 4,
    friday: 5,
    fri: 5,
    saturday: 6,
    sat: 6,
    sunday: 7,
    sun: 7,
  }),
);

/** Keys longest first, as a regex alternation that prefers september over sep. */
export function byLength(table: ReadonlyMap<string, number>): string {
  return [...table.keys()].sort((a, b) => b.length - a.length).join('|');
}
