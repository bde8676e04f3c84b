import type { Lang } from '../bot/types.ts';
import { detectLanguage, hasHan } from '../lang/index.ts';

/**
 * The language to answer in: Chinese text gets Chinese; a real English sentence gets English; anything
 * without a clear language (a number, an emoji, markup, one Latin word) keeps the customer's language.
 */
export function chooseLanguage(text: string, known: Lang | null): Lang {
  if (hasHan(text)) return 'zh';
  // an e-mail address, a link or a code ("chen@example.com", "SF1234567890") is not an English sentence
  const prose = text.replace(/\S*[@/]\S*|\S*\d\S*/g, ' ');
  const words = prose.match(/[A-Za-z]{2,}/g) ?? [];
  if (words.length >= 2 && !/[<>]/.test(text)) return 'en';
  // `known` comes from stored data; only a real language may index the reply tables
  return (known === 'zh' || known === 'en' ? known : null) ?? detectLanguage(text) ?? 'zh';
}

/** Two sentences as one reply: Chinese runs them together, English needs a space. */
export const joinSentences = (lang: Lang, first: string, second: string) =>
  `${first}${lang === 'zh' ? '' : ' '}${second}`;
