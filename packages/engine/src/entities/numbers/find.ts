import { EN_NUMBER_WORDS, parseEnNumber } from './en.ts';
import { parseZhNumber, ZH_DIGIT_CHARS, ZH_NUMERAL_CHARS } from './zh.ts';

/** A number written in digits, Chinese numerals or English words, with its offsets in the text. */
export interface NumberSpan {
  start: number;
  end: number;
  value: number;
  script: 'arabic' | 'zh' | 'en';
}

const MULTIPLIERS = new Map(Object.entries<number>({ 万: 1e4, 千: 1e3, 百: 100, 亿: 1e8, k: 1e3, w: 1e4 }));

// Digits, optionally with thousands separators, decimals and a multiplier: 1,299.50  1.2万  3k  5w.
// 千克/千米/千瓦/千卡 are units (kg, km…), not thousands.
const ARABIC =
  /(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:\s?(?:[万百亿]|千(?![克米瓦卡])|[kKwW](?![A-Za-z])))?/g;
const ZH = new RegExp(`[${ZH_NUMERAL_CHARS}]{1,24}(?:点[${ZH_DIGIT_CHARS}]{1,8})?`, 'g');
const EN_WORD = `(?:${EN_NUMBER_WORDS.join('|')})`;
const EN = new RegExp(`\\b(?:an?\\s+)?${EN_WORD}(?:(?:\\s+|-)(?:and\\s+)?${EN_WORD}){0,12}\\b`, 'gi');

// A lone numeral character counts only when something says it is a count: 三个, 第一, a standalone 三.
const MEASURES = new Set(
  '个件台只支本张份次位条块元毛角分天日号月年周岁斤克米小时秒瓶盒袋箱包套双对部辆间层楼期笔单项页种杯碗顿遍趟回倍成折名人口家%'.split(
    '',
  ),
);
const HAN = /\p{Script=Han}/u;
// "the one", "which one", "the blue one", "the 3rd one": a pronoun, not a count.
const PRONOUN_ONE =
  /(?:\b(?:the|this|that|which|each|every|any|no|some|another|other|an?)\s+(?:[a-z]+\s+)?|\b(?:first|second|third|last|next|\d+(?:st|nd|rd|th))\s+)$/i;

// Longer digit strings are identifiers (cards, order numbers), and a double cannot hold them exactly.
const MAX_DIGITS = 15;

export function findNumberSpans(text: string): NumberSpan[] {
  return [...arabic(text), ...chinese(text), ...english(text)].sort((a, b) => a.start - b.start);
}

function* arabic(text: string): Generator<NumberSpan> {
  for (const match of text.matchAll(ARABIC)) {
    const raw = match[0];
    const start = match.index;
    const suffix = /[万千百亿kKwW]$/.exec(raw)?.[0];
    const digits = (suffix ? raw.slice(0, -1) : raw).trim().replaceAll(',', '');
    if (digits.replace('.', '').length > MAX_DIGITS) continue;
    const multiplier = suffix ? (MULTIPLIERS.get(suffix.toLowerCase()) ?? 1) : 1;
    yield { start, end: start + raw.length, value: round(Number(digits) * multiplier), script: 'arabic' };
  }
}

function* chinese(text: string): Generator<NumberSpan> {
  for (const match of text.matchAll(ZH)) {
    const raw = match[0];
    const start = match.index;
    const end = start + raw.length;
    const value = parseZhNumber(raw);
    if (value === null || String(Math.trunc(value)).length > MAX_DIGITS) continue;
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    if (
      raw.length === 1 &&
      before !== '第' &&
      !MEASURES.has(after) &&
      (HAN.test(before) || HAN.test(after))
    ) {
      continue;
    }
    // 一一, 三三: repeated digits without units are idioms; digit-by-digit reading needs 3+ digits or 年.
    if (raw.length === 2 && !/[十拾百佰千仟万亿点]/.test(raw) && after !== '年' && before !== '第') continue;
    yield { start, end, value, script: 'zh' };
  }
}

function* english(text: string): Generator<NumberSpan> {
  for (const match of text.matchAll(EN)) {
    const start = match.index;
    const tokens = [...match[0].matchAll(/[A-Za-z]+/g)].map((t) => ({
      word: t[0],
      start: start + t.index,
      end: start + t.index + t[0].length,
    }));
    let i = 0;
    while (i < tokens.length) {
      let found: NumberSpan | null = null;
      const first = tokens[i]!;
      for (let j = tokens.length; j > i && found === null && first.word.toLowerCase() !== 'and'; j--) {
        const last = tokens[j - 1]!;
        if (/^(?:and|an?)$/i.test(last.word)) continue;
        const value = parseEnNumber(text.slice(first.start, last.end));
        if (value !== null) found = { start: first.start, end: last.end, value, script: 'en' };
      }
      if (found === null) {
        i++;
        continue;
      }
      const spanEnd = found.end;
      i = tokens.findIndex((t) => t.start >= spanEnd);
      if (i < 0) i = tokens.length;
      const word = text.slice(found.start, found.end).toLowerCase();
      if (word === 'one' && PRONOUN_ONE.test(text.slice(Math.max(0, found.start - 24), found.start)))
        continue;
      yield found;
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
