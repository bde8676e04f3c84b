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

/** 32-bit FNV-1a of a feature name. */
export function hashFeature(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Word uni/bigrams (and character 4-grams) for English, character uni/bi/trigrams for Han runs, emoji,
 * bracket emoji and punctuation runs.
 */
export function tokenFeatures(text: string, lang: EmotionLang): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(BRACKET_EMOJI)) out.push(`b:${m[0]}`);
  for (const m of text.matchAll(PICTOGRAPH)) out.push(`e:${m[0]}`);
  for (const m of lower.matchAll(PUNCT_RUN)) {
    const run = m[0];
    out.push(`p:${run.length > 3 ? `${run.slice(0, 3)}+` : run}`);
  }
  const words = lower.match(WORD) ?? [];
  let previous = '<s>';
  for (const word of words) {
    const w = word.length > 3 && /^\d+$/.test(word) ? '#num' : word.replace(/(.)\1{2,}/g, '$1$1');
    out.push(`w:${w}`);
    // Character 4-grams of longer English words catch spelling variants and word families (frustrat-).
    if (lang === 'en' && w.length > 4) {
      const padded = `<${w}>`;
      for (let i = 0; i + 4 <= padded.length; i++) out.push(`g4:${padded.slice(i, i + 4)}`);
    }
    if (lang === 'en') out.push(`w2:${previous}_${w}`);
    previous = w;
  }
  for (const m of lower.matchAll(HAN_RUN)) {
    const run = m[0];
    for (let i = 0; i < run.length; i++) {
      out.push(`c:${run[i]}`);
      if (i + 1 < run.length) out.push(`c2:${run.slice(i, i + 2)}`);
      if (i + 2 < run.length) out.push(`c3:${run.slice(i, i + 3)}`);
    }
  }
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
