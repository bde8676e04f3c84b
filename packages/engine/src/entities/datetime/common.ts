import type { DateAtom } from './parts.ts';

// 2026-03-05, 2026/3/5, 2026.03.05
const YMD = /(?<![\d./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|\.\d)/g;
// 5/3, 12/25/2026, 25/12/26: month first unless dayFirst or the first number cannot be a month.
const SLASH = /(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g;
// 15:30, 8:05, 08:30:00
const CLOCK = /(?<![\d:.])(\d{1,2}):(\d{2})(?::\d{2})?(?![\d:])/g;

/** Numeric dates and clock times, the same in Chinese and English text. */
export function numericAtoms(text: string, dayFirst: boolean): DateAtom[] {
  const out: DateAtom[] = [];
  for (const m of text.matchAll(YMD)) {
    const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
    out.push({ start: m.index, end: m.index + m[0].length, parts: { year, month, day } });
  }
  for (const m of text.matchAll(SLASH)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a < 1 || b < 1 || (a > 12 && b > 12)) continue;
    const swap = a > 12 || (dayFirst && b <= 12);
    const [month, day] = swap ? [b, a] : [a, b];
    const parts = { month, day, ...(a <= 12 && b <= 12 && a !== b ? { ambiguous: true } : {}) };
    const year = m[3] === undefined ? undefined : Number(m[3].length === 2 ? `20${m[3]}` : m[3]);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      parts: year === undefined ? parts : { ...parts, year },
    });
  }
  for (const m of text.matchAll(CLOCK)) {
    const hourText = m[1] ?? '';
    const hour = Number(hourText);
    const minute = Number(m[2]);
    if (hour > 24 || minute > 59) continue;
    const clock24 = hour > 12 || hour === 0 || hourText.startsWith('0');
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      parts: clock24 ? { hour, minute, clock24 } : { hour, minute },
    });
  }
  return out;
}
