// Maps, not object literals: no text may find Object.prototype's members.
const DIGITS = new Map(
  Object.entries<number>({
    零: 0,
    〇: 0,
    一: 1,
    壹: 1,
    二: 2,
    贰: 2,
    两: 2,
    三: 3,
    叁: 3,
    四: 4,
    肆: 4,
    五: 5,
    伍: 5,
    六: 6,
    陆: 6,
    七: 7,
    柒: 7,
    八: 8,
    捌: 8,
    九: 9,
    玖: 9,
  }),
);

const SMALL_UNITS = new Map(Object.entries<number>({ 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 }));
const BIG_UNITS = new Map(Object.entries<number>({ 万: 1e4, 亿: 1e8 }));

/** Characters a Chinese numeral is written with, for building patterns. */
export const ZH_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';
export const ZH_DIGIT_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖';

export function zhDigit(char: string): number | undefined {
  return DIGITS.get(char);
}

/**
 * Value of a Chinese numeral: 一百二十三 → 123, 十五 → 15, 两千 → 2000, 一万二 → 12000 (spoken
 * shorthand), 二零二六 → 2026 (read digit by digit), 三点五 → 3.5. Null when it is not a well-formed
 * numeral (千万 in 千万别 starts with a unit; 一二十 mixes styles).
 */
export function parseZhNumber(text: string): number | null {
  const dot = text.indexOf('点');
  if (dot >= 0) {
    const whole = parseZhInteger(text.slice(0, dot));
    const fraction = digitString(text.slice(dot + 1));
    if (whole === null || fraction === null || fraction.length === 0) return null;
    return Number(`${whole}.${fraction}`);
  }
  return parseZhInteger(text);
}

export function parseZhInteger(text: string): number | null {
  if (text.length === 0) return null;
  const chars = [...text];
  const hasUnit = chars.some((c) => SMALL_UNITS.has(c) || BIG_UNITS.has(c));
  if (!hasUnit) {
    const digits = digitString(text);
    return digits === null ? null : Number(digits);
  }
  let total = 0;
  let section = 0;
  let pending: number | null = null;
  let lastUnit = 0;
  let afterZero = false;
  let previousWasUnit = false;
  for (const [index, char] of chars.entries()) {
    const digit = DIGITS.get(char);
    const small = SMALL_UNITS.get(char);
    const big = BIG_UNITS.get(char);
    if (digit !== undefined) {
      if (pending !== null) return null;
      if (digit === 0) {
        afterZero = true;
        previousWasUnit = false;
        continue;
      }
      pending = digit;
      previousWasUnit = false;
    } else if (small !== undefined) {
      // 十五 and 一百十 leave out the 一 before 十; no other unit may stand alone.
      const multiplier = pending ?? (small === 10 && (index === 0 || previousWasUnit) ? 1 : null);
      if (multiplier === null) return null;
      if (lastUnit !== 0 && lastUnit < 1e4 && small >= lastUnit) return null;
      section += multiplier * small;
      pending = null;
      lastUnit = small;
      afterZero = false;
      previousWasUnit = true;
    } else if (big !== undefined) {
      if (index === 0) return null;
      section += pending ?? 0;
      if (section === 0 && total === 0) return null;
      if (big === 1e8) total = (total + section) * big;
      else total += section * big;
      section = 0;
      pending = null;
      lastUnit = big;
      afterZero = false;
      previousWasUnit = true;
    } else {
      return null;
    }
  }
  if (pending !== null) {
    // 一万二 is 12000 and 三千五 is 3500: a bare digit right after a unit counts in the next unit down.
    const shorthand = !afterZero && lastUnit >= 100 && endsWithDigitAfterUnit(chars);
    section += shorthand ? pending * (lastUnit / 10) : pending;
  }
  return total + section;
}

function endsWithDigitAfterUnit(chars: string[]): boolean {
  const before = chars[chars.length - 2];
  return before !== undefined && (SMALL_UNITS.has(before) || BIG_UNITS.has(before));
}

function digitString(text: string): string | null {
  let out = '';
  for (const char of text) {
    const digit = DIGITS.get(char);
    if (digit === undefined) return null;
    out += String(digit);
  }
  return out;
}
