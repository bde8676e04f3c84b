import { type Candidate, PRIORITY } from '../candidate.ts';
import { parseEnOrdinal } from './en.ts';
import type { NumberSpan } from './find.ts';

const EN_ORDINAL =
  /\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)\b/gi;
// "a second", "per second", "5 seconds": the unit of time, not the ordinal.
const SECOND_AS_TIME = /(?:\b(?:a|one|per|few|\d+)\s+)$/i;
const PERCENT_AFTER = /^\s?(?:%|percent\b|per cent\b|pct\b)/i;
const ARABIC_ORDINAL = /^(?:st|nd|rd|th)\b/i;

/** Numbers, ordinals (第三, 3rd, third) and percentages (20%, 百分之二十, twenty percent). */
export function numberCandidates(text: string, spans: NumberSpan[]): Candidate[] {
  const out: Candidate[] = [];
  for (const span of spans) {
    const { start, end, value } = span;
    out.push({ start, end, priority: PRIORITY.number, data: { type: 'number', value } });
    const after = text.slice(end, end + 9);
    const percent = PERCENT_AFTER.exec(after);
    if (percent !== null) {
      out.push(percentCandidate(start, end + percent[0].length, value));
    } else if (text.slice(Math.max(0, start - 3), start) === '百分之') {
      out.push(percentCandidate(start - 3, end, value));
    }
    if (!Number.isInteger(value)) continue;
    if (span.script !== 'en' && text[start - 1] === '第') {
      out.push(ordinalCandidate(start - 1, end, value));
    }
    const suffix = span.script === 'arabic' ? ARABIC_ORDINAL.exec(after) : null;
    if (suffix !== null && arabicSuffixFits(value, suffix[0])) {
      out.push(ordinalCandidate(start, end + suffix[0].length, value));
    }
  }
  for (const match of text.matchAll(EN_ORDINAL)) {
    const word = match[0];
    const value = parseEnOrdinal(word);
    if (value === null) continue;
    if (
      word.toLowerCase() === 'second' &&
      SECOND_AS_TIME.test(text.slice(Math.max(0, match.index - 8), match.index))
    ) {
      continue;
    }
    out.push(ordinalCandidate(match.index, match.index + word.length, value));
  }
  return out;
}

function arabicSuffixFits(value: number, suffix: string): boolean {
  const lastTwo = value % 100;
  const last = value % 10;
  const expected =
    lastTwo >= 11 && lastTwo <= 13 ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
  return suffix.toLowerCase() === expected;
}

function percentCandidate(start: number, end: number, value: number): Candidate {
  return { start, end, priority: PRIORITY.percent, data: { type: 'percent', value } };
}

function ordinalCandidate(start: number, end: number, value: number): Candidate {
  return { start, end, priority: PRIORITY.ordinal, data: { type: 'ordinal', value } };
}
