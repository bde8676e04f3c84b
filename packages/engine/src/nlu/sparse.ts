/** A sparse feature vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Counts repeated features, weights each by (1 + log tf) × idf, and scales to unit length. */
export function weightedVector(features: number[], idf: Float32Array): SparseVector {
  const counts = new Map<number, number>();
  for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let i = 0;
  let norm = 0;
  for (const [f, tf] of counts) {
    const v = (1 + Math.log(tf)) * (idf[f] ?? 1);
    indices[i] = f;
    values[i] = v;
    norm += v * v;
    i++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < values.length; j++) values[j]! *= scale;
  return { indices, values };
}
