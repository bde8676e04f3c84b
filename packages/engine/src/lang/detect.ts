import type { Lang } from '../bot/types.ts';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** zh when the text has any Han character (mixed text counts as Chinese), en when it has Latin letters, else null. */
export function detectLanguage(text: string): Lang | null {
  if (HAN.test(text)) return 'zh';
  if (LATIN.test(text)) return 'en';
  return null;
}
