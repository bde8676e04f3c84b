/** One training phrasing's embedding (from the workspace's provider), under the intent or entry it teaches. */
export interface SemanticExample {
  key: string;
  vector: ArrayLike<number>;
  /** the phrasing itself: lets the calibration find the classifier's held-out predictions of it */
  text?: string;
}

export function normalized(vector: ArrayLike<number>, into: Float32Array, offset: number): void {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] as number) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < vector.length; i++) into[offset + i] = (vector[i] as number) * scale;
}

export interface Packed {
  keys: string[];
  keyIndex: Map<string, number>;
  owner: Int32Array;
  rows: Float32Array;
  dims: number;
  /** the first phrasing with this text (examples given with their text) */
  rowOfText: Map<string, number>;
}

export function pack(examples: readonly SemanticExample[]): Packed {
  const dims = examples[0]?.vector.length ?? 0;
  const keyIndex = new Map<string, number>();
  const owner = new Int32Array(examples.length);
  const rows = new Float32Array(examples.length * dims);
  const rowOfText = new Map<string, number>();
  examples.forEach((example, i) => {
    if (example.text !== undefined && !rowOfText.has(example.text)) rowOfText.set(example.text, i);
    if (example.vector.length !== dims) throw new Error('phrasing embeddings differ in dimensions');
    let k = keyIndex.get(example.key);
    if (k === undefined) {
      k = keyIndex.size;
      keyIndex.set(example.key, k);
    }
    owner[i] = k;
    normalized(example.vector, rows, i * dims);
  });
  return { keys: [...keyIndex.keys()], keyIndex, owner, rows, dims, rowOfText };
}

/** Two phrasings this close are one (the same text twice, or texts the same once personal data is masked). */
const TWIN = 0.9999;

/**
 * Closest similarity per key to the row at `offset` of `source`. A left-out lookup (`skip` ≥ 0) skips that row
 * and its twins: a duplicate would make every phrasing look found.
 */
export function bestPerKey(
  rows: Float32Array,
  owner: Int32Array,
  keys: number,
  dims: number,
  source: Float32Array,
  offset: number,
  skip: number,
): Float64Array {
  const best = new Float64Array(keys).fill(-1);
  for (let j = 0; j < owner.length; j++) {
    if (j === skip) continue;
    let dot = 0;
    const base = j * dims;
    for (let d = 0; d < dims; d++) dot += (source[offset + d] as number) * (rows[base + d] as number);
    if (skip >= 0 && dot >= TWIN) continue;
    const k = owner[j] as number;
    if (dot > (best[k] as number)) best[k] = dot;
  }
  return best;
}
