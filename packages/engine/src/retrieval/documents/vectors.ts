/** Cosine similarity of two vectors of the same length (0 when either is all zeros). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The `limit` keys most similar to the query vector, best first. */
export function nearest<K>(
  query: readonly number[],
  items: Iterable<{ key: K; vector: readonly number[] }>,
  limit = 8,
): Array<{ key: K; similarity: number }> {
  const scored: Array<{ key: K; similarity: number }> = [];
  for (const item of items) scored.push({ key: item.key, similarity: cosine(query, item.vector) });
  return scored.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
}

/**
 * Reciprocal-rank fusion: each ranked list gives a key 1 / (k + rank); keys are ordered by the sum. Lists
 * of scores that are not comparable (BM25, cosine) fuse without calibration.
 */
export function reciprocalRankFusion<K>(
  lists: ReadonlyArray<readonly K[]>,
  k = 60,
): Array<{ key: K; score: number }> {
  const scores = new Map<K, number>();
  for (const list of lists) {
    for (const [rank, key] of list.entries()) scores.set(key, (scores.get(key) ?? 0) + 1 / (k + rank + 1));
  }
  return [...scores.entries()].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score);
}
