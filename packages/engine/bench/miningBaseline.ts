/**
 * The plain baseline of `npm run bench:mining`: TF-IDF over words (the engine's segmentation and stemming,
 * nothing else) and spherical k-means (k-means++ seeding, cosine), told the number of clusters.
 */
import { Analyzer } from '../src/lang/index.ts';
import { seededRandom } from '../src/nlu/random.ts';
import type { SparseVector } from '../src/nlu/sparse.ts';

export function wordTfIdf(texts: readonly string[]): { vectors: SparseVector[]; dimensions: number } {
  const analyzer = new Analyzer();
  const ids = new Map<string, number>();
  const df: number[] = [];
  const docs = texts.map((text) => {
    const counts = new Map<number, number>();
    for (const token of analyzer.analyze(text).tokens) {
      let id = ids.get(token);
      if (id === undefined) {
        id = df.length;
        ids.set(token, id);
        df.push(0);
      }
      if (!counts.has(id)) df[id]! += 1;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  });
  const idf = df.map((d) => Math.log((1 + texts.length) / (1 + d)) + 1);
  const vectors = docs.map((counts) => {
    const entries = [...counts].sort((a, b) => a[0] - b[0]);
    const values = entries.map(([f, tf]) => tf * idf[f]!);
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
    return {
      indices: Int32Array.from(entries, (e) => e[0]),
      values: Float32Array.from(values, (v) => v / norm),
    };
  });
  return { vectors, dimensions: df.length };
}

function dot(v: SparseVector, centroid: Float32Array, offset: number): number {
  let s = 0;
  for (let j = 0; j < v.indices.length; j++) s += v.values[j]! * centroid[offset + v.indices[j]!]!;
  return s;
}

/** Spherical k-means; returns each question's cluster. */
export function sphericalKMeans(texts: readonly string[], k: number, iterations = 20, seed = 1): Int32Array {
  const { vectors, dimensions: d } = wordTfIdf(texts);
  const n = vectors.length;
  const assignment = new Int32Array(n);
  if (n === 0) return assignment;
  const clusters = Math.min(k, n);
  const next = seededRandom(seed);
  const centroids = new Float32Array(clusters * d);
  // k-means++ seeding on cosine distance.
  const best = new Float32Array(n).fill(Number.POSITIVE_INFINITY);
  let chosen = Math.floor(next() * n);
  for (let c = 0; c < clusters; c++) {
    const v = vectors[chosen]!;
    for (let j = 0; j < v.indices.length; j++) centroids[c * d + v.indices[j]!] = v.values[j]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const distance = Math.max(0, 1 - dot(vectors[i]!, centroids, c * d));
      if (distance < best[i]!) best[i] = distance;
      total += best[i]! * best[i]!;
    }
    let target = next() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= best[i]! * best[i]!;
      if (target <= 0) {
        chosen = i;
        break;
      }
    }
  }
  for (let iteration = 0; iteration < iterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let top = 0;
      let topScore = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < clusters; c++) {
        const s = dot(vectors[i]!, centroids, c * d);
        if (s > topScore) {
          topScore = s;
          top = c;
        }
      }
      if (assignment[i] !== top || iteration === 0) changed++;
      assignment[i] = top;
    }
    centroids.fill(0);
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!;
      const offset = assignment[i]! * d;
      for (let j = 0; j < v.indices.length; j++) centroids[offset + v.indices[j]!]! += v.values[j]!;
    }
    for (let c = 0; c < clusters; c++) {
      let norm = 0;
      for (let f = 0; f < d; f++) norm += centroids[c * d + f]! ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let f = 0; f < d; f++) centroids[c * d + f]! *= scale;
    }
    if (changed === 0) break;
  }
  return assignment;
}
