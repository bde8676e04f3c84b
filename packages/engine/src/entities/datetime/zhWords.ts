import type { PartOfDay, ShiftUnit } from './parts.ts';

/** Chinese words for days, parts of day, offsets and units, with what they mean (Maps: no text may find Object.prototype's members). */
export const DAY_OFFSETS = new Map(
  Object.entries<[number, PartOfDay?]>({
    大大前天: [-4],
    大前天: [-3],
    前天: [-2],
    昨天: [-1],
    昨日: [-1],
    昨儿: [-1],
    今天: [0],
    今日: [0],
    今儿: [0],
    明天: [1],
    明日: [1],
    明儿: [1],
    次日: [1],
    翌日: [1],
    后天: [2],
    大后天: [3],
    今早: [0, 'morning'],
    今晨: [0, 'morning'],
    今晚: [0, 'evening'],
    今夜: [0, 'night'],
    明早: [1, 'morning'],
    明晚: [1, 'evening'],
    昨晚: [-1, 'evening'],
    昨夜: [-1, 'night'],
  }),
);
export const PARTS_OF_DAY = new Map(
  Object.entries<PartOfDay>({
    凌晨: 'early',
    清晨: 'morning',
    早上: 'morning',
    早晨: 'morning',
    早: 'morning',
    上午: 'morning',
    中午: 'noon',
    午间: 'noon',
    下午: 'afternoon',
    傍晚: 'dusk',
    晚上: 'evening',
    晚间: 'evening',
    晚: 'evening',
    夜里: 'night',
    夜间: 'night',
    半夜: 'night',
    深夜: 'night',
  }),
);
export const OFFSETS = new Map(
  Object.entries<number>({
    上上: -2,
    上个: -1,
    上: -1,
    这个: 0,
    这: 0,
    本: 0,
    下个: 1,
    下: 1,
    下下: 2,
  }),
);
export const YEAR_OFFSETS = new Map(
  Object.entries<number>({ 前年: -2, 去年: -1, 今年: 0, 明年: 1, 后年: 2 }),
);
export const WEEKDAYS = new Map(
  Object.entries<number>({ 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }),
);
export const UNITS = new Map(
  Object.entries<ShiftUnit>({
    分钟: 'minute',
    小时: 'hour',
    钟头: 'hour',
    天: 'day',
    周: 'week',
    星期: 'week',
    礼拜: 'week',
    月: 'month',
    年: 'year',
  }),
);
