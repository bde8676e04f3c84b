import { clampLength, normalizeText, toSimplified } from '../lang/index.ts';

/** Rules read at most this much of a message; a regex never runs on more. */
export const RULE_INPUT_CAP = 2000;

// Scripts written without spaces between words: a space next to them is noise ("验 证 码").
const SPACELESS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu;
const SPACE_BY_SPACELESS = new RegExp(`(?<=[${SPACELESS}]) | (?=[${SPACELESS}])`, 'gu');
const SPACELESS_CHAR = new RegExp(`^[${SPACELESS}]`, 'u');

/**
 * The form keywords and messages are compared in: NFKC (full width → half width), lower case,
 * Traditional → Simplified, every run of punctuation, symbols or spaces turned into one space, and spaces
 * next to Chinese characters removed. "驗 證 碼！" and "验证码" both become "验证码"; "Safe-Account" becomes
 * "safe account".
 */
export function keywordForm(text: string): string {
  return foldSeparators(toSimplified(normalizeText(text)));
}

/** `keywordForm` of a message already in `regexForm`, so a message is converted to Simplified only once. */
export function keywordFormOfSimplified(simplified: string): string {
  return foldSeparators(normalizeText(simplified));
}

/** The form regular expressions see: capped, NFKC and Traditional → Simplified, case kept. */
export function regexForm(text: string): string {
  return toSimplified(clampLength(text, RULE_INPUT_CAP).normalize('NFKC'));
}

function foldSeparators(text: string): string {
  return text.replace(SEPARATORS, ' ').trim().replace(SPACE_BY_SPACELESS, '');
}

/** A character that belongs to a space-separated word (Latin letters, digits, Cyrillic…), not to Chinese. */
export function isSpacedWordChar(char: string | undefined): boolean {
  if (char === undefined || char === ' ') return false;
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return !SPACELESS_CHAR.test(char);
}
