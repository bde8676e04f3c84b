import { parseEnNumber } from '../numbers/en.ts';
import { byLength, MONTHS, WEEKDAYS } from './enWords.ts';
import type { DateAtom, DateParts, PartOfDay, ShiftUnit } from './parts.ts';
import { wholeShift } from './parts.ts';

const HOUR_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const MONTH = `(${byLength(MONTHS)})\\.?`;
const ORD = '(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s+(\\d{4})(?!\\d))?';
const MERIDIEM = '(a\\.?m\\.?|p\\.?m\\.?)(?![a-z])';

const RELATIVE_DAY =
  /\b(?:(?:the\s+)?day\s+after\s+tomorrow|(?:the\s+)?day\s+before\s+yesterday|today|tonight|tomorrow|tmrw|tmr|yesterday|last\s+night)\b/gi;
const WEEKDAY = new RegExp(`\\b(?:(next|this|last|coming)\\s+)?(${byLength(WEEKDAYS)})\\b\\.?`, 'gi');
const PERIOD = /\b(?:(next|this|last|the|over\s+the)\s+)?(week|weekend|month)\b/gi;
const PART_OF_DAY = /\b(?:(this|in\s+the|at|tomorrow|yesterday)\s+)?(morning|afternoon|evening|night)\b/gi;
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORD}(?![\\d:])\\b${YEAR}`, 'gi');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}\\b${YEAR}`, 'gi');
const MONTH_YEAR = new RegExp(`\\b(?:${MONTH}\\s+(\\d{4})|in\\s+${MONTH})\\b`, 'gi');
const MERIDIEM_TIME = new RegExp(`\\b(\\d{1,2}|${HOUR_WORDS})(?::(\\d{2}))?\\s*${MERIDIEM}`, 'gi');
const OCLOCK = new RegExp(`\\b(\\d{1,2}|${HOUR_WORDS})\\s*o'?clock\\b`, 'gi');
// "at 3", "around 8:30"; not "at 3 dollars" or "at 5%".
const AT_TIME =
  /\b(?:at|@|around|by)\s+(\d{1,2})(?::(\d{2}))?(?![\d%.,:])(?!\s*(?:dollars?|bucks|euros?|yuan|items?|pcs|pieces|people|persons|times|percent|st|nd|rd|th|am|pm|a\.m|p\.m|o'?clock)\b)/gi;
const NOON = /\b(?:at\s+)?(noon|midday|midnight)\b/gi;
const PAST_TO = new RegExp(
  `\\b(half|quarter)\\s+(past|to)\\s+(\\d{1,2}|${HOUR_WORDS})\\b(?:\\s*${MERIDIEM})?`,
  'gi',
);
const TIME_RANGE = new RegExp(
  `\\b(?:(from|between)\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(?:${MERIDIEM})?\\s*(-|–|~|to|till|until|and)\\s*(\\d{1,2})(?::(\\d{2}))?\\s*${MERIDIEM}`,
  'gi',
);
const SHIFT_UNIT = '(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)';
const SHIFT_AMOUNT = '(\\d{1,3}|an?|half\\s+an?|a\\s+couple\\s+of|[a-z]+(?:-[a-z]+)?)';
const SHIFT_IN = new RegExp(`\\bin\\s+${SHIFT_AMOUNT}\\s+${SHIFT_UNIT}\\b`, 'gi');
const SHIFT_AFTER = new RegExp(`\\b${SHIFT_AMOUNT}\\s+${SHIFT_UNIT}\\s+(later|from\\s+now|ago)\\b`, 'gi');

const OFFSETS = new Map(Object.entries<number>({ next: 1, this: 0, last: -1 }));
const PARTS_OF_DAY = new Map(
  Object.entries<PartOfDay>({
    morning: 'morning',
    afternoon: 'afternoon',
    evening: 'evening',
    night: 'night',
  }),
);

/** English date and time expressions as atoms to be chained: tomorrow | at 3pm, on Friday | at 8:30. */
export function enAtoms(text: string): DateAtom[] {
  const out: DateAtom[] = [];
  const add = (m: RegExpMatchArray, parts: DateParts, weak = false) => {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, parts, ...(weak ? { weak } : {}) });
  };
  for (const m of text.matchAll(RELATIVE_DAY)) add(m, relativeDay(m[0].toLowerCase()));
  for (const m of text.matchAll(WEEKDAY)) {
    const word = m[2] ?? '';
    // Mon, Wed, Sat, Sun as words (the sun, sat down) only count capitalised.
    if (!/^[a-z]+day$/i.test(word) && !/^[A-Z]/.test(word)) continue;
    const parts: DateParts = { weekday: WEEKDAYS.get(word.toLowerCase()) ?? 1 };
    const modifier = m[1]?.toLowerCase();
    if (modifier !== undefined && modifier !== 'coming') parts.weekOffset = OFFSETS.get(modifier) ?? 0;
    if (modifier === 'next') parts.nextWeekday = true;
    add(m, parts);
  }
  for (const m of text.matchAll(PERIOD)) {
    const modifier = m[1]?.toLowerCase().replace(/\s+/g, ' ');
    const unit = (m[2] ?? '').toLowerCase();
    if (modifier === undefined && unit !== 'weekend') continue;
    const offset = modifier === undefined ? undefined : OFFSETS.get(modifier);
    if (unit === 'month') {
      if (offset !== undefined) add(m, { monthOffset: offset });
    } else if (unit === 'week') {
      if (offset !== undefined) add(m, { period: 'week', weekOffset: offset });
    } else {
      add(
        m,
        offset === undefined ? { period: 'weekend' } : { period: 'weekend', weekOffset: offset },
        !modifier,
      );
    }
  }
  for (const m of text.matchAll(PART_OF_DAY)) {
    const partOfDay = PARTS_OF_DAY.get((m[2] ?? '').toLowerCase()) ?? 'morning';
    const modifier = m[1]?.toLowerCase().replace(/\s+/g, ' ');
    if (modifier === 'this') add(m, { dayOffset: 0, partOfDay });
    else if (modifier === 'tomorrow') add(m, { dayOffset: 1, partOfDay });
    else if (modifier === 'yesterday') add(m, { dayOffset: -1, partOfDay });
    else add(m, { partOfDay }, modifier === undefined);
  }
  for (const m of text.matchAll(MONTH_DAY)) addDate(m, m[1], m[2], m[3], add);
  for (const m of text.matchAll(DAY_MONTH)) addDate(m, m[2], m[1], m[3], add);
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = MONTHS.get((m[1] ?? m[3] ?? '').toLowerCase());
    if (month === undefined) continue;
    add(m, m[2] === undefined ? { month } : { month, year: Number(m[2]) });
  }
  timeAtoms(text, add);
  shiftAtoms(text, add);
  return out;
}

type Add = (m: RegExpMatchArray, parts: DateParts, weak?: boolean) => void;

function timeAtoms(text: string, add: Add): void {
  for (const m of text.matchAll(MERIDIEM_TIME)) {
    const hour = hourOf(m[1]);
    if (hour === null || hour > 12) continue;
    add(m, withMinute({ hour, meridiem: meridiemOf(m[3]) }, m[2]));
  }
  for (const m of text.matchAll(OCLOCK)) {
    const hour = hourOf(m[1]);
    if (hour !== null && hour <= 24) add(m, { hour });
  }
  for (const m of text.matchAll(AT_TIME)) {
    const hour = Number(m[1]);
    if (hour > 24) continue;
    const parts = withMinute({ hour }, m[2]);
    if (hour > 12 || hour === 0 || (m[1] ?? '').startsWith('0')) parts.clock24 = true;
    add(m, parts);
  }
  for (const m of text.matchAll(NOON)) {
    add(m, { hour: (m[1] ?? '').toLowerCase() === 'midnight' ? 24 : 12, clock24: true });
  }
  for (const m of text.matchAll(PAST_TO)) {
    const hour = hourOf(m[3]);
    if (hour === null || hour < 1 || hour > 12) continue;
    const quarter = (m[1] ?? '').toLowerCase() === 'quarter';
    const meridiem: Partial<DateParts> = m[4] === undefined ? {} : { meridiem: meridiemOf(m[4]) };
    if ((m[2] ?? '').toLowerCase() === 'past') add(m, { hour, minute: quarter ? 15 : 30, ...meridiem });
    else add(m, { hour: hour === 1 ? 12 : hour - 1, minute: quarter ? 45 : 30, ...meridiem });
  }
  for (const m of text.matchAll(TIME_RANGE)) {
    const from = Number(m[2]);
    const to = Number(m[6]);
    const connector = (m[5] ?? '').toLowerCase();
    if ((connector === 'and') !== ((m[1] ?? '').toLowerCase() === 'between')) continue;
    if (from < 1 || from > 12 || to < 1 || to > 12) continue;
    const toMeridiem = meridiemOf(m[8]);
    const fromMeridiem = m[4]
      ? meridiemOf(m[4])
      : from <= to && to !== 12
        ? toMeridiem
        : toMeridiem === 'pm'
          ? 'am'
          : 'pm';
    const start: DateParts = withMinute({ hour: from, meridiem: fromMeridiem }, m[3]);
    add(m, { ...start, to: withMinute({ hour: to, meridiem: toMeridiem }, m[7]) });
  }
}

function shiftAtoms(text: string, add: Add): void {
  for (const m of text.matchAll(SHIFT_IN)) {
    const shift = readShift(m[1], m[2], 1);
    if (shift !== null) add(m, { shift });
  }
  for (const m of text.matchAll(SHIFT_AFTER)) {
    const shift = readShift(m[1], m[2], (m[3] ?? '').toLowerCase() === 'ago' ? -1 : 1);
    if (shift !== null) add(m, { shift });
  }
}

function readShift(amountText: string | undefined, unitText: string | undefined, sign: number) {
  const words = (amountText ?? '').toLowerCase().replace(/\s+/g, ' ');
  const amount =
    words === 'a' || words === 'an'
      ? 1
      : words.startsWith('half')
        ? 0.5
        : words === 'a couple of'
          ? 2
          : /^\d+$/.test(words)
            ? Number(words)
            : parseEnNumber(words);
  if (amount === null || amount <= 0) return null;
  const unit = unitOf((unitText ?? '').toLowerCase());
  return wholeShift(sign * amount, unit);
}

function unitOf(word: string): ShiftUnit {
  if (word.startsWith('min')) return 'minute';
  if (word.startsWith('h')) return 'hour';
  if (word.startsWith('d')) return 'day';
  if (word.startsWith('w')) return 'week';
  if (word.startsWith('mo')) return 'month';
  return 'year';
}

function addDate(
  m: RegExpMatchArray,
  monthText: string | undefined,
  dayText: string | undefined,
  yearText: string | undefined,
  add: Add,
): void {
  const month = MONTHS.get((monthText ?? '').toLowerCase());
  const day = Number(dayText);
  if (month === undefined || day < 1 || day > 31) return;
  // "may 5" in running text is usually the verb; the month is written May.
  if (monthText === 'may') return;
  add(m, yearText === undefined ? { month, day } : { month, day, year: Number(yearText) });
}

function relativeDay(words: string): DateParts {
  const w = words.replace(/\s+/g, ' ');
  if (w.endsWith('after tomorrow')) return { dayOffset: 2 };
  if (w.endsWith('before yesterday')) return { dayOffset: -2 };
  if (w === 'tonight') return { dayOffset: 0, partOfDay: 'evening' };
  if (w === 'last night') return { dayOffset: -1, partOfDay: 'evening' };
  if (w === 'yesterday') return { dayOffset: -1 };
  if (w === 'today') return { dayOffset: 0 };
  return { dayOffset: 1 };
}

function hourOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  return /^\d+$/.test(text) ? Number(text) : parseEnNumber(text);
}

function meridiemOf(text: string | undefined): 'am' | 'pm' {
  return (text ?? '').toLowerCase().startsWith('p') ? 'pm' : 'am';
}

function withMinute(parts: DateParts, minuteText: string | undefined): DateParts {
  if (minuteText === undefined) return parts;
  const minute = Number(minuteText);
  return minute <= 59 ? { ...parts, minute } : parts;
}
