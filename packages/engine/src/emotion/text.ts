import type { EmotionLang } from './types.ts';

/** Longer input is cut: emotion shows in the first lines, and the cost must stay bounded. */
export const MAX_EMOTION_CHARS = 4000;

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]{2,}/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes any input safe to analyse: non-strings become '', lone surrogates and control characters go,
 * full-width forms fold to ASCII (！→!, ？→?) and the length is capped.
 */
export function cleanText(input: unknown): string {
  if (typeof input !== 'string') return '';
  let text = input.length > MAX_EMOTION_CHARS * 2 ? input.slice(0, MAX_EMOTION_CHARS * 2) : input;
  text = text.replace(LONE_SURROGATE, '');
  text = text.normalize('NFKC');
  text = text.replace(/(?![\t\n\r])\p{Cc}|[\u200B-\u200D\u2060\uFEFF]/gu, '');
  text = text.replace(/[\u2018\u2019\u02BC]/g, "'").replace(/[\u201C\u201D]/g, '"');
  text = text.replace(/\u2026/g, '...');
  return text.length > MAX_EMOTION_CHARS ? text.slice(0, MAX_EMOTION_CHARS) : text;
}

/** Chinese when there are at least half as many Han characters as Latin words, English otherwise. */
export function detectEmotionLang(text: string): EmotionLang {
  const han = text.match(HAN)?.length ?? 0;
  if (han === 0) return 'en';
  const latin = text.match(LATIN_WORD)?.length ?? 0;
  return han >= latin * 0.5 ? 'zh' : 'en';
}
