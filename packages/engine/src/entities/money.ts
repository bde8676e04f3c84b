import { type Candidate, PRIORITY } from './candidate.ts';
import type { NumberSpan } from './numbers/find.ts';
import { zhDigit } from './numbers/zh.ts';

// Maps, not object literals: no text may find Object.prototype's members.
const PREFIXES = new Map(
  Object.entries<string>({
    us$: 'USD',
    hk$: 'HKD',
    nt$: 'TWD',
    a$: 'AUD',
    c$: 'CAD',
    s$: 'SGD',
    rmb: 'CNY',
    cny: 'CNY',
    usd: 'USD',
    eur: 'EUR',
    gbp: 'GBP',
    hkd: 'HKD',
    jpy: 'JPY',
    '¥': 'CNY',
    $: 'USD',
    '€': 'EUR',
    '£': 'GBP',
    '₩': 'KRW',
    '₹': 'INR',
  }),
);

const SUFFIXES = new Map(
  Object.entries<string>({
    块钱: 'CNY',
    块: 'CNY',
    元钱: 'CNY',
    元: 'CNY',
    圆: 'CNY',
    人民币: 'CNY',
    rmb: 'CNY',
    cny: 'CNY',
    yuan: 'CNY',
    美元: 'USD',
    美金: 'USD',
    usd: 'USD',
    dollars: 'USD',
    dollar: 'USD',
    bucks: 'USD',
    buck: 'USD',
    欧元: 'EUR',
    eur: 'EUR',
    euros: 'EUR',
    euro: 'EUR',
    英镑: 'GBP',
    gbp: 'GBP',
    pounds: 'GBP',
    pound: 'GBP',
    港币: 'HKD',
    港元: 'HKD',
    hkd: 'HKD',
    日元: 'JPY',
    日币: 'JPY',
    jpy: 'JPY',
    yen: 'JPY',
    韩元: 'KRW',
    新台币: 'TWD',
    台币: 'TWD',
  }),
);

const PREFIX = /(?:(?<![A-Za-z])(?:US\$|HK\$|NT\$|A\$|C\$|S\$|RMB|CNY|USD|EUR|GBP|HKD|JPY)|[¥$€£₩₹])\s?$/i;
const SUFFIX = new RegExp(
  `^\\s?(?:${[...SUFFIXES.keys()].sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z])`,
  'i',
);
// After 块/元: 三块五, 3元5角, 十块八毛五分.
const SUB_UNITS = /^([0-9零一二两三四五六七八九])(毛|角)?(?:([0-9一二两三四五六七八九])分)?/;
const JIAO_ONLY = /^(?:毛钱?|角钱)/;
const CENTS = /^\s?cents?(?![A-Za-z])/i;
// 三块蛋糕 is three pieces of cake: 块 followed by a noun is a measure word, not money.
const AFTER_KUAI = /^[钱毛角零一二两三四五六七八九十的吧啊呀呢吗了左右多整]/;
const NUMERAL_OR_MEASURE = /^[零一二两三四五六七八九十个件只张本份斤瓶盒袋箱次]/;
const HAN = /^\p{Script=Han}/u;

/** Amounts of money: ¥35, 35元, 三百五十块, 1.2万元, 三块五, 五毛, $20, 20 dollars, USD 100, 5 cents. */
export function moneyCandidates(text: string, spans: NumberSpan[]): Candidate[] {
  const out: Candidate[] = [];
  for (const span of spans) {
    const found = readMoney(text, span);
    if (found !== null) out.push({ ...found, priority: PRIORITY.money });
  }
  return out;
}

function readMoney(text: string, span: NumberSpan): Omit<Candidate, 'priority'> | null {
  const prefix = PREFIX.exec(text.slice(Math.max(0, span.start - 6), span.start));
  const after = text.slice(span.end, span.end + 8);
  const prefixCurrency = prefix ? PREFIXES.get(prefix[0].trim().toLowerCase()) : undefined;
  const start = prefix ? span.start - prefix[0].length : span.start;
  const cents = CENTS.exec(after);
  if (cents !== null && prefix === null) {
    return money(start, span.end + cents[0].length, span.value / 100, 'USD');
  }
  const jiao = JIAO_ONLY.exec(after);
  if (jiao !== null && prefix === null && span.value < 100) {
    return money(start, span.end + jiao[0].length, span.value / 10, 'CNY');
  }
  const suffix = SUFFIX.exec(after);
  if (suffix !== null) {
    const word = suffix[0].trim().toLowerCase();
    const rest = text.slice(span.end + suffix[0].length, span.end + suffix[0].length + 6);
    if (word === '块' && HAN.test(rest) && !AFTER_KUAI.test(rest)) return null;
    const currency = SUFFIXES.get(word) ?? prefixCurrency ?? 'CNY';
    let end = span.end + suffix[0].length;
    let amount = span.value;
    if (currency === 'CNY' && /^(?:块|元|圆)$/.test(word)) {
      const sub = readSubUnits(rest);
      if (sub !== null) {
        amount += sub.amount;
        end += sub.length;
      }
    }
    return money(start, end, amount, currency);
  }
  if (prefixCurrency !== undefined) return money(start, span.end, span.value, prefixCurrency);
  return null;
}

function readSubUnits(rest: string): { amount: number; length: number } | null {
  const match = SUB_UNITS.exec(rest);
  if (match === null) return null;
  const first = digitValue(match[1] ?? '');
  const jiaoUnit = match[2];
  const fen = match[3] === undefined ? 0 : digitValue(match[3]);
  let length = match[0].length;
  if (jiaoUnit === undefined) {
    // 三块五 ends there; 两块一个 is "two yuan each", so the digit must not start a count.
    if (match[3] !== undefined) return null;
    const next = rest.slice(length);
    if (NUMERAL_OR_MEASURE.test(next) || /^\d/.test(next)) return null;
  }
  if (/^钱/.test(rest.slice(length))) length += 1;
  return { amount: round2(first / 10 + fen / 100), length };
}

function digitValue(char: string): number {
  return /\d/.test(char) ? Number(char) : (zhDigit(char) ?? 0);
}

function money(start: number, end: number, amount: number, currency: string): Omit<Candidate, 'priority'> {
  return { start, end, data: { type: 'money', value: { amount: round2(amount), currency } } };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
