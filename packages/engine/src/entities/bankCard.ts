import { type Candidate, PRIORITY } from './candidate.ts';
import { isValidChineseId } from './idNumber.ts';
import { isLuhnValid } from './luhn.ts';
import type { CardBrand } from './types.ts';

// 13–19 digits, contiguous or in groups split by single spaces or dashes (6222 0212 3456 7890 123).
const CARD = /(?<![\dA-Za-z])\d(?:[ -]?\d){12,18}(?![\dA-Za-z])/g;

/** Payment card numbers that pass Luhn; never an ID number or a +86 mobile that happens to pass. */
export function bankCardCandidates(text: string, now: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(CARD)) {
    const raw = m[0];
    const digits = raw.replace(/[ -]/g, '');
    if (!looksLikeCard(raw, digits, now)) continue;
    out.push({
      start: m.index,
      end: m.index + raw.length,
      priority: PRIORITY.bankCard,
      data: { type: 'bank_card', value: { digits, last4: digits.slice(-4), brand: cardBrand(digits) } },
    });
  }
  return out;
}

function looksLikeCard(raw: string, digits: string, now: Date): boolean {
  if (digits[0] === '0' || /^(\d)\1+$/.test(digits)) return false;
  const groups = raw.split(/[ -]/);
  if (groups.length > 1 && groups.some((g) => g.length < 3 || g.length > 13)) return false;
  if (!isLuhnValid(digits)) return false;
  if (digits.length === 18 && isValidChineseId(digits, now)) return false;
  if (/^861[3-9]\d{9}$/.test(digits)) return false;
  return true;
}

/** Card network from the issuer prefix; null when unknown. */
export function cardBrand(digits: string): CardBrand | null {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (two === 62 || two === 81) return 'unionpay';
  if (digits[0] === '4') return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (four >= 3528 && four <= 3589) return 'jcb';
  if (four === 6011 || two === 65 || (four >= 6440 && four <= 6499)) return 'discover';
  if (two === 36 || two === 38 || (four >= 3000 && four <= 3059)) return 'diners';
  return null;
}
