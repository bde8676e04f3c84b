import type { Analysis } from '../lang/index.ts';

const HAN = /^\p{Script=Han}+$/u;

/**
 * Terms for lexical retrieval: the analysis tokens plus character bigrams of Chinese text, so a
 * question still matches when segmentation splits a word differently ("退货运费" vs "退货 运费").
 */
export function lexicalTerms(analysis: Analysis): string[] {
  const terms = [...analysis.tokens];
  let run = '';
  const flush = (): void => {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.push(`#${chars[i]}${chars[i + 1]}`);
    run = '';
  };
  for (const surface of analysis.surfaces) {
    if (HAN.test(surface)) run += surface;
    else flush();
  }
  flush();
  return terms;
}
