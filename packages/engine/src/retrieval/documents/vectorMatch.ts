import { cosine } from './vectors.ts';

/** An example phrasing's embedding, under the key of what it means (a knowledge entry's id). */
export interface EmbeddedExample<K> {
  key: K;
  vector: readonly number[];
}

export interface VectorMatch<K> {
  key: K;
  /** cosine similarity of the closest example of this key */
  similarity: number;
  /** how far ahead of the next key it is */
  margin: number;
}

/**
 * The key whose closest example is nearest to the query, when it is near enough (`minSimilarity`) and clearly
 * ahead of the next key (`minMargin`); null otherwise — the caller then keeps the classical engine's decision.
 */
export function matchByEmbedding<K>(
  query: readonly number[],
  examples: Iterable<EmbeddedExample<K>>,
  options: { minSimilarity: number; minMargin: number },
): VectorMatch<K> | null {
  const best = new Map<K, number>();
  for (const example of examples) {
    const s = cosine(query, example.vector);
    if (s > (best.get(example.key) ?? -1)) best.set(example.key, s);
  }
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return null;
  const margin = first[1] - (second?.[1] ?? 0);
  if (first[1] < options.minSimilarity || margin < options.minMargin) return null;
  return { key: first[0], similarity: first[1], margin };
}

/**
 * A deterministic embedding with no model: Latin words and Han characters and bigrams hashed into `dims`
 * dimensions, L2-normalised; `aliases` map a feature to another (synonyms a real model would know). Made for
 * tests and the offline measurement of the embedding path (loopback provider), not for production.
 */
export function hashedEmbedding(
  text: string,
  aliases: ReadonlyMap<string, string> = new Map(),
  dims = 256,
): number[] {
  const v = new Array<number>(dims).fill(0);
  const lower = text.toLowerCase();
  const features: string[] = [];
  for (const w of lower.match(/[a-z]+/g) ?? []) features.push(aliases.get(w) ?? w);
  const han = [...(lower.match(/\p{Script=Han}/gu) ?? [])];
  for (let i = 0; i < han.length; i++) {
    features.push(aliases.get(han[i] as string) ?? (han[i] as string));
    if (i + 1 < han.length) {
      const bigram = `${han[i]}${han[i + 1]}`;
      features.push(aliases.get(bigram) ?? bigram);
    }
  }
  for (const f of features) {
    let h = 2166136261;
    for (const ch of f) h = Math.imul(h ^ (ch.codePointAt(0) as number), 16777619);
    const d = (h >>> 0) % dims;
    v[d] = (v[d] as number) + 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
