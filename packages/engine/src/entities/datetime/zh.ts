import { parseZhInteger } from '../numbers/zh.ts';
import { type DateAtom, type DateParts, wholeShift } from './parts.ts';
import { DAY_OFFSETS, OFFSETS, PARTS_OF_DAY, UNITS, WEEKDAYS, YEAR_OFFSETS } from './zhWords.ts';

const ZN = '[零〇一二两三四五六七八九十]';
const NUM = `(\\d{1,2}|${ZN}{1,3})`;
const PREFIX = '(上上|下下|这个|上个|下个|上|下|这|本)';

const FULL_DATE = new RegExp(
  `(?<!\\d)(?:(\\d{4}|\\d{2}|[零〇一二三四五六七八九]{4}|[零〇一二三四五六七八九]{2})年|(今年|明年|去年|前年|后年))?${NUM}月(?:(份)|${NUM}(?:日|号|(?!\\d)))?`,
  'g',
);
// 5号 but not 5号楼, 3号线, 8号码.
const DAY_ONLY = new RegExp(
  `(?<![月\\d零〇一二两三四五六七八九十])${NUM}(日|号)(?![楼线门房机窗桌位床柜店馆厅车码键包口院台箱])`,
  'g',
);
const RELATIVE_DAY =
  /大大前天|大前天|大后天|前天|昨天|昨日|昨儿|今天|今日|今儿|明天|明日|明儿|后天|次日|翌日|今早|今晨|今晚|今夜|明早|明晚|昨晚|昨夜/g;
// 一周一次 and 每周一 are "once a week" and "every Monday", not a date.
const WEEK = new RegExp(
  `(?<![一二两三四五六七八九十每\\d])${PREFIX}?(?:个)?(周|星期|礼拜)([一二三四五六日天末1-7])?`,
  'g',
);
const MONTH = new RegExp(`${PREFIX}(?:个)?月(?:${NUM}(?:日|号))?`, 'g');
// 早上好, 晚安 are greetings; 早/晚 alone only right before a clock time (早8点).
const PART_OF_DAY =
  /(?:凌晨|清晨|早上|早晨|上午|中午|午间|下午|傍晚|晚上|晚间|夜里|夜间|半夜|深夜|午夜|[早晚](?=[\d零一二两三四五六七八九十]))(?![好安])/g;
const CLOCK = new RegExp(
  `(?<![第\\d])${NUM}(点钟|点|时)(?:(半)|(一刻)|(三刻)|(整)|(\\d{1,2}|${ZN}{1,3})(分钟|分)?)?`,
  'g',
);
const CLOCK_RANGE = new RegExp(`(?<![第\\d])${NUM}点?\\s*(?:到|至|-|~)\\s*${NUM}(?:点钟|点)`, 'g');
const SHIFT =
  /(?:(过)(?:了)?)?(\d{1,3}|[零〇一二两三四五六七八九十百]{1,4}|半)(个)?(半)?(分钟|小时|钟头|天|周|星期|礼拜|月|年)(以后|之后|过后|后|以前|之前|前)?/g;

/** Chinese date and time expressions, each as a separate atom to be chained: 明天 | 下午 | 三点半. */
export function zhAtoms(text: string): DateAtom[] {
  const out: DateAtom[] = [];
  const add = (start: number, end: number, parts: DateParts, weak = false) =>
    out.push(weak ? { start, end, parts, weak } : { start, end, parts });

  for (const m of text.matchAll(FULL_DATE)) {
    const month = num(m[3]);
    const day = m[5] === undefined ? undefined : num(m[5]);
    if (month === null || month < 1 || month > 12 || day === null) continue;
    const parts: DateParts = { month };
    if (m[1] !== undefined) {
      const year = yearOf(m[1]);
      if (year === null) continue;
      parts.year = year;
    }
    if (m[2] !== undefined) parts.yearOffset = YEAR_OFFSETS.get(m[2]) ?? 0;
    if (day !== undefined) parts.day = day;
    add(m.index, m.index + m[0].length, parts);
  }
  for (const m of text.matchAll(DAY_ONLY)) {
    const day = num(m[1]);
    if (day !== null && day >= 1 && day <= 31) add(m.index, m.index + m[0].length, { day });
  }
  for (const m of text.matchAll(RELATIVE_DAY)) {
    const [dayOffset, partOfDay] = DAY_OFFSETS.get(m[0]) ?? [0];
    add(m.index, m.index + m[0].length, partOfDay ? { dayOffset, partOfDay } : { dayOffset });
  }
  for (const m of text.matchAll(WEEK)) {
    const prefix = m[1];
    const day = m[3];
    if (prefix === undefined && day === undefined) continue;
    const parts: DateParts = {};
    if (prefix !== undefined) parts.weekOffset = OFFSETS.get(prefix) ?? 0;
    if (day === '末') parts.period = 'weekend';
    else if (day === undefined) parts.period = 'week';
    else parts.weekday = WEEKDAYS.get(day) ?? Number(day);
    add(m.index, m.index + m[0].length, parts);
  }
  for (const m of text.matchAll(MONTH)) {
    const parts: DateParts = { monthOffset: OFFSETS.get(m[1] ?? '') ?? 0 };
    if (m[2] !== undefined) {
      const day = num(m[2]);
      if (day === null) continue;
      parts.day = day;
    }
    add(m.index, m.index + m[0].length, parts);
  }
  for (const m of text.matchAll(PART_OF_DAY)) {
    if (m[0] === '午夜') add(m.index, m.index + 2, { hour: 24, clock24: true });
    else add(m.index, m.index + m[0].length, { partOfDay: PARTS_OF_DAY.get(m[0]) ?? 'morning' });
  }
  for (const m of text.matchAll(CLOCK)) readClock(m, add);
  for (const m of text.matchAll(CLOCK_RANGE)) {
    const from = num(m[1]);
    const to = num(m[2]);
    if (from === null || to === null || from > 24 || to > 24) continue;
    add(m.index, m.index + m[0].length, { hour: from, to: { hour: to } });
  }
  for (const m of text.matchAll(SHIFT)) readShift(m, add);
  return out;
}

type Add = (start: number, end: number, parts: DateParts, weak?: boolean) => void;

function readClock(m: RegExpMatchArray, add: Add): void {
  const start = m.index ?? 0;
  const hourText = m[1] ?? '';
  const hour = num(hourText);
  if (hour === null || hour > 24) return;
  const clockEnd = start + hourText.length + (m[2] ?? '').length;
  const parts: DateParts = { hour };
  if (hour > 12 || hour === 0) parts.clock24 = true;
  let end = start + m[0].length;
  const minuteText = m[7];
  if (m[3] !== undefined) parts.minute = 30;
  else if (m[4] !== undefined) parts.minute = 15;
  else if (m[5] !== undefined) parts.minute = 45;
  else if (minuteText !== undefined) {
    const minute = num(minuteText);
    // 三点五 is 3.5, not 3:05: a minute without 分 must look like one (05, 30, 二十, 零五).
    const looksLikeMinute = m[8] !== undefined || /^\d\d$/.test(minuteText) || /^零|十/.test(minuteText);
    if (minute === null || minute > 59 || !looksLikeMinute) end = clockEnd;
    else parts.minute = minute;
  }
  // 一点 alone is usually "a little" (好一点, 快一点): it needs a date or 上午/下午 next to it.
  const weak = hourText === '一' && parts.minute === undefined && m[2] === '点' && m[6] === undefined;
  add(start, end, parts, weak);
}

function readShift(m: RegExpMatchArray, add: Add): void {
  const passed = m[1] !== undefined;
  const direction = m[6];
  if (passed === (direction !== undefined)) return; // 过两天 or 两天后, not both or neither
  const unitText = m[5] ?? '';
  if (unitText === '月' && m[3] === undefined) return; // 3月前 is "before March"
  let amount = m[2] === '半' ? 0.5 : num(m[2] ?? '');
  if (amount === null) return;
  if (m[4] !== undefined) amount += 0.5;
  if (direction !== undefined && /前/.test(direction)) amount = -amount;
  const shift = wholeShift(amount, UNITS.get(unitText) ?? 'day');
  if (shift === null) return;
  add(m.index ?? 0, (m.index ?? 0) + m[0].length, { shift });
}

function num(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  return parseZhInteger(text);
}

function yearOf(text: string): number | null {
  const value = num(text);
  if (value === null) return null;
  return text.length === 2 ? 2000 + value : value;
}
