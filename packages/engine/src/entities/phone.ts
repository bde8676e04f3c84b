import { type Candidate, PRIORITY } from './candidate.ts';
import type { PhoneValue } from './types.ts';

// Boundaries: a phone number is never glued to other digits or letters (TD13800138000 is an order number).
const B = '(?<![\\dA-Za-z+])';
const E = '(?![\\dA-Za-z])';
const CN_PREFIX = '(?:(?:\\+|00)86[ -]?|\\(\\+?86\\)[ ]?)';
const MOBILE = new RegExp(`${B}(${CN_PREFIX})?(1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4})${E}`, 'g');
// Area code: 010, 02x, or 0 + three digits; then a 7–8 digit local number starting 2–9; optional extension.
const LANDLINE = new RegExp(
  `${B}(?:${CN_PREFIX}(?:\\(0?|0?)|\\(0|0)((?:10|2\\d|[3-9]\\d{2}))\\)?[ -]?([2-9]\\d{2,3}[ -]?\\d{4})(?:\\s?(?:转|分机|ext\\.?|x)\\s?(\\d{1,5}))?${E}`,
  'gi',
);
const SERVICE = new RegExp(`${B}([48]00[ -]?\\d{3}[ -]?\\d{4})${E}`, 'g');
// E.164-like: + or 00, a country code that is not 86, then digits with single separators.
const INTERNATIONAL = /(?<![\dA-Za-z+])(?:\+|00)(?!86)[1-9][\d ().-]{6,22}/g;
// North American 415-555-0132 / (415) 555 0132; bare ten digits are too ambiguous to call a phone.
const NANP = new RegExp(`${B}(\\(?[2-9]\\d{2}\\)?[ .-]?[2-9]\\d{2}[ .-]\\d{4})${E}`, 'g');

/** CN mobiles (+86 138 0013 8000), CN landlines (010-12345678), 400/800 hotlines, international numbers. */
export function phoneCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const add = (start: number, end: number, value: PhoneValue) =>
    out.push({ start, end, priority: PRIORITY.phone, data: { type: 'phone', value } });

  for (const m of text.matchAll(MOBILE)) {
    const national = digitsOf(m[2] ?? '');
    add(m.index, m.index + m[0].length, { kind: 'mobile', e164: `+86${national}`, national });
  }
  for (const m of text.matchAll(LANDLINE)) {
    const area = m[1] ?? '';
    const local = digitsOf(m[2] ?? '');
    const value: PhoneValue = { kind: 'landline', e164: `+86${area}${local}`, national: `0${area}${local}` };
    if (m[3] !== undefined) value.extension = m[3];
    add(m.index, m.index + m[0].length, value);
  }
  for (const m of text.matchAll(SERVICE)) {
    add(m.index, m.index + m[0].length, { kind: 'service', e164: null, national: digitsOf(m[0]) });
  }
  for (const m of text.matchAll(INTERNATIONAL)) {
    const found = readInternational(text, m.index, m[0]);
    if (found !== null) add(m.index, m.index + found.length, internationalValue(found));
  }
  for (const m of text.matchAll(NANP)) {
    const national = digitsOf(m[0]);
    if (/^[48]00/.test(national)) continue; // a Chinese 400/800 hotline, read above
    add(m.index, m.index + m[0].length, {
      kind: 'international',
      e164: `+1${national}`,
      national: `1${national}`,
    });
  }
  return out;
}

function readInternational(text: string, start: number, raw: string): string | null {
  const trimmed = raw.replace(/[ ().-]+$/, '');
  const end = start + trimmed.length;
  // Greedy run stopped by a letter or digit limit: the number continues, so this is not a phone.
  if (/^[\dA-Za-z]/.test(text.slice(start + raw.length, start + raw.length + 1)) && raw === trimmed)
    return null;
  if (/[ .-]{2}/.test(trimmed) || !balanced(trimmed)) return null;
  const digits = digitsOf(trimmed).length;
  if (digits < 8 || digits > 15) return null;
  return text.slice(start, end);
}

function internationalValue(raw: string): PhoneValue {
  const digits = digitsOf(raw.replace(/^00/, ''));
  return { kind: 'international', e164: `+${digits}`, national: digits };
}

function balanced(text: string): boolean {
  const open = text.split('(').length - 1;
  const close = text.split(')').length - 1;
  return open === close && open <= 1;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
