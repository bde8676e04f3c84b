import type { Analysis } from '../lang/index.ts';

const HAN = /^\p{Script=Han}+$/u;
const LATIN = /^[a-z]+$/;

export interface FeatureOptions {
  /** character n-gram lengths inside English words, with word-boundary marks (default 3..4) */
  latinGrams?: [number, number];
  /** character n-gram lengths over Chinese text, across word boundaries (default 1..3) */
  hanGrams?: [number, number];
  /** word pairs (default true) */
  wordBigrams?: boolean;
}

/**
 * The feature strings of one analysed message: words, word pairs, and character n-grams (within
 * English words, across Chinese words). Character n-grams carry typos, inflections and segmentation
 * differences that whole words miss.
 */
export function featureStrings(analysis: Analysis, options: FeatureOptions = {}): string[] {
  const [latinMin, latinMax] = options.latinGrams ?? [3, 4];
  const [hanMin, hanMax] = options.hanGrams ?? [1, 3];
  const out: string[] = [];
  const { tokens, surfaces } = analysis;
  for (const token of tokens) out.push(`w${token}`);
  if (options.wordBigrams ?? true) {
    let previous = '^';
    for (const token of tokens) {
      out.push(`b${previous} ${token}`);
      previous = token;
    }
    if (tokens.length > 0) out.push(`b${previous} $`);
  }
  let han = '';
  const flushHan = (): void => {
    if (!han) return;
    const chars = Array.from(han);
    for (let n = hanMin; n <= hanMax; n++) {
      for (let i = 0; i + n <= chars.length; i++) out.push(`h${chars.slice(i, i + n).join('')}`);
    }
    han = '';
  };
  for (const surface of surfaces) {
    if (HAN.test(surface)) {
      han += surface;
      continue;
    }
    flushHan();
    if (!LATIN.test(surface) || surface.length < 2) continue;
    const marked = `<${surface}>`;
    for (let n = latinMin; n <= latinMax; n++) {
      if (n > marked.length) break;
      for (let i = 0; i + n <= marked.length; i++) out.push(`c${marked.slice(i, i + n)}`);
    }
  }
  flushHan();
  return out;
}
