import * as OpenCC from 'opencc-js/t2cn';
import { cleanText, detectEmotionLang } from './text.ts';
import type { EmotionLang } from './types.ts';

export interface PreparedText {
  text: string;
  lang: EmotionLang;
}

let toSimplified: ((text: string) => string) | null = null;
const HAN = /\p{Script=Han}/u;

/** Cleans the input, detects the language and folds Traditional Chinese to Simplified for the lexicons. */
export function prepareText(input: unknown, lang?: EmotionLang): PreparedText {
  let text = cleanText(input);
  if (HAN.test(text)) {
    toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
    text = toSimplified(text);
  }
  return { text, lang: lang ?? detectEmotionLang(text) };
}

/** The language `detectEmotion` would read a message in (after cleaning and Traditional → Simplified). */
export function emotionLanguage(input: unknown): EmotionLang {
  return prepareText(input).lang;
}
