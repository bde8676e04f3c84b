import type { SparseVector } from '../nlu/sparse.ts';

export interface NeighborOptions {
  /** neighbours kept per question (default 8) */
  k?: number;
  /** a neighbour below this cosine similarity is no neighbour (default 0.05) */
  minSimilarity?: number;
  /** features in more questions than this are skipped while scoring candidates (default max(300, 1% of n)) */
  maxPosting?: number;
}

/** Each question's nearest neighbours: indices and cosine similarities, best first. */
export interface NeighborLists {
  ids: Int32Array[];
  similarities: Float32Array[];
}

/**
 * Nearest neighbours by cosine similarity through an inverted index. Candidates are scored term at a time
 * over the question's features, leaving out the very common ones (low weight, long lists: they would make
 * the cost grow with n²); the best few candidates are then scored exactly on all features. 50,000
 * questions take seconds, not the hours of comparing every pair.
 */
export function nearestNeighbors(
  vectors: readonly SparseVector[],
  options: NeighborOptions = {},
): NeighborLists {
  const n = vectors.length;
  const k = options.k ?? 8;
  const shortlist = k * 3;
  const minSimilarity = options.minSimilarity ?? 0.05;
  const maxPosting = options.maxPosting ?? Math.max(300, Math.floor(n * 0.01));
  const { ids: postIds, values: postValues } = invertedIndex(vectors);
  const dense = new Float32Array(postIds.length);
  const scores = new Float32Array(n);
  const touched = new Int32Array(n);
  const heapIds = new Int32Array(shortlist);
  const heapScores = new Float32Array(shortlist);
  const ids: Int32Array[] = [];
  const similarities: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!;
    let touchedCount = 0;
    for (let j = 0; j < v.indices.length; j++) {
      const f = v.indices[j]!;
      const list = postIds[f]!;
      if (list.length > maxPosting) continue;
      const weights = postValues[f]!;
      const w = v.values[j]!;
      for (let p = 0; p < list.length; p++) {
        const c = list[p]!;
        if (scores[c] === 0) touched[touchedCount++] = c;
        scores[c]! += w * weights[p]!;
      }
    }
    // Keep the best partial scores in a small min-heap.
    let size = 0;
    for (let t = 0; t < touchedCount; t++) {
      const c = touched[t]!;
      const s = scores[c]!;
      scores[c] = 0;
      if (c === i) continue;
      if (size < shortlist) {
        heapIds[size] = c;
        heapScores[size] = s;
        siftUp(heapIds, heapScores, size++);
      } else if (s > heapScores[0]!) {
        heapIds[0] = c;
        heapScores[0] = s;
        siftDown(heapIds, heapScores, size);
      }
    }
    for (let j = 0; j < v.indices.length; j++) dense[v.indices[j]!] = v.values[j]!;
    const scored: [number, number][] = [];
    for (let h = 0; h < size; h++) {
      const u = vectors[heapIds[h]!]!;
      let dot = 0;
      for (let j = 0; j < u.indices.length; j++) dot += dense[u.indices[j]!]! * u.values[j]!;
      if (dot >= minSimilarity) scored.push([heapIds[h]!, dot]);
    }
    for (let j = 0; j < v.indices.length; j++) dense[v.indices[j]!] = 0;
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = scored.slice(0, k);
    ids.push(Int32Array.from(top, (t) => t[0]));
    similarities.push(Float32Array.from(top, (t) => t[1]));
  }
  return { ids, similarities };
}

function siftUp(ids: Int32Array, scores: Float32Array, at: number): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (scores[parent]! <= scores[i]!) break;
    swap(ids, scores, i, parent);
    i = parent;
  }
}

function siftDown(ids: Int32Array, scores: Float32Array, size: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let min = i;
    if (l < size && scores[l]! < scores[min]!) min = l;
    if (r < size && scores[r]! < scores[min]!) min = r;
    if (min === i) return;
    swap(ids, scores, i, min);
    i = min;
  }
}

function swap(ids: Int32Array, scores: Float32Array, a: number, b: number): void {
  const id = ids[a]!;
  ids[a] = ids[b]!;
  ids[b] = id;
  const s = scores[a]!;
  scores[a] = scores[b]!;
  scores[b] = s;
}

function invertedIndex(vectors: readonly SparseVector[]): { ids: Int32Array[]; values: Float32Array[] } {
  let features = 0;
  for (const v of vectors) for (const f of v.indices) if (f >= features) features = f + 1;
  const counts = new Int32Array(features);
  for (const v of vectors) for (const f of v.indices) counts[f]! += 1;
  const ids = Array.from(counts, (c) => new Int32Array(c));
  const values = Array.from(counts, (c) => new Float32Array(c));
  const fill = new Int32Array(features);
  vectors.forEach((v, i) => {
    for (let j = 0; j < v.indices.length; j++) {
      const f = v.indices[j]!;
      ids[f]![fill[f]!] = i;
      values[f]![fill[f]!++] = v.values[j]!;
    }
  });
  return { ids, values };
}
