import { segmentHan } from '../../lang/chinese.ts';
import type { EmotionLang } from '../types.ts';

/** A sparse, L2-normalised feature vector: hashed feature ids and their values. */
export interface SparseVector {
  ids: Uint32Array;
  values: Float32Array;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[a-z][a-z']*|\d+/g;
const BRACKET_EMOJI = /\[[\p{Script=Han}A-Za-z]{1,6}\]/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/gu;
const PUNCT_RUN = /[!?]+/g;
/** Weibo / social-media mentions (`@name`, retweet chains `//@name:`) and links: names and URLs are noise. */
const MENTION = /(?:\/\/)?@[^\s:：,，@/]{1,30}[:：]?/gu;
const URL = /https?:\/\/[\x21-\x7e]+/g;
/** English negators: the words after one (to the end of the clause) also count as `n:word`. */
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "don't",
  'dont',
  "can't",
  'cant',
  "won't",
  "isn't",
  "didn't",
  "doesn't",
  "wasn't",
  "aren't",
  'nothing',
  'nobody',
  'hardly',
]);
const CLAUSE_END = /[.,;:!?]/;

/** 32-bit FNV-1a of a feature name. */
export function hashFeature(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function englishFeatures(lower: string, out: string[]): void {
  let previous = '<s>';
  let negated = false;
  // Words with their clause boundaries, so negation scope ends at punctuation.
  for (const m of lower.matchAll(/[a-z][a-z']*|\d+|[.,;:!?]/g)) {
    const token = m[0];
    if (CLAUSE_END.test(token)) {
      negated = false;
      continue;
    }
    const w = token.length > 3 && /^\d+$/.test(token) ? '#num' : token.replace(/(.)\1{2,}/g, '$1$1');
    out.push(`w:${w}`);
    if (negated) out.push(`n:${w}`);
    if (NEGATORS.has(w)) negated = true;
    // Character 4-grams of longer words catch spelling variants and word families (frustrat-).
    if (w.length > 4) {
      const padded = `<${w}>`;
      for (let i = 0; i + 4 <= padded.length; i++) out.push(`g4:${padded.slice(i, i + 4)}`);
    }
    out.push(`w2:${previous}_${w}`);
    previous = w;
  }
  if (previous !== '<s>') out.push(`w2:${previous}_</s>`);
}

/** Han character 1–3-grams, and jieba words of two or more characters when `words`. */
function hanFeatures(lower: string, out: string[], words: boolean): void {
  for (const m of lower.matchAll(HAN_RUN)) {
    const run = m[0];
    for (let i = 0; i < run.length; i++) {
      out.push(`c:${run[i]}`);
      if (i + 1 < run.length) out.push(`c2:${run.slice(i, i + 2)}`);
      if (i + 2 < run.length) out.push(`c3:${run.slice(i, i + 3)}`);
    }
    if (words && run.length > 2) for (const w of segmentHan(run)) if (w.length > 1) out.push(`z:${w}`);
  }
}

/** Bumped whenever `tokenFeatures` or the lexicon features change: a saved model records it. */
export const FEATURE_VERSION = 2;

/**
 * Feature names of one message. English: words, words after a negator (to the end of the clause), word
 * bigrams and character 4-grams. Chinese: Han character 1–3-grams and jieba words. Both: emoji, Weibo
 * bracket emoji, `!`/`?` runs; mentions (`@name`, `//@name:`) and links are dropped (one `meta:at` feature).
 */
export function tokenFeatures(text: string, lang: EmotionLang): string[] {
  const out: string[] = [];
  const source = text.replace(URL, ' ').replace(MENTION, ' ');
  if (source.length !== text.length) out.push('meta:at');
  const lower = source.toLowerCase();
  for (const m of lower.matchAll(BRACKET_EMOJI)) out.push(`b:${m[0]}`);
  for (const m of source.matchAll(PICTOGRAPH)) out.push(`e:${m[0]}`);
  for (const m of lower.matchAll(PUNCT_RUN)) {
    const run = m[0];
    out.push(`p:${run.length > 3 ? `${run.slice(0, 3)}+` : run}`);
  }
  if (lang === 'en') englishFeatures(lower, out);
  // Latin words inside Chinese text (ok, bug, app) as plain words.
  else for (const w of lower.match(WORD) ?? []) out.push(`w:${w}`);
  hanFeatures(lower, out, lang === 'zh');
  return out;
}

/** Hashes named features (with optional weights) into `2^bits` buckets and L2-normalises the result. */
export function vectorize(
  names: readonly string[],
  extra: ReadonlyMap<string, number>,
  bits: number,
): SparseVector {
  const mask = (1 << bits) - 1;
  const acc = new Map<number, number>();
  for (const name of names) {
    const id = hashFeature(name) & mask;
    acc.set(id, 1);
  }
  for (const [name, value] of extra) {
    const id = hashFeature(name) & mask;
    acc.set(id, (acc.get(id) ?? 0) + value);
  }
  const ids = new Uint32Array(acc.size);
  const values = new Float32Array(acc.size);
  let norm = 0;
  let k = 0;
  for (const [id, value] of acc) {
    ids[k] = id;
    values[k] = value;
    norm += value * value;
    k++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) values[i]! *= scale;
  return { ids, values };
}
