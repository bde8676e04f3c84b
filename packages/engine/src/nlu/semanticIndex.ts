import type { HeldOutPredictions } from './model.ts';
import { calibration, SCALE, type SemanticCalibration } from './semanticCalibration.ts';
import { similarityProbabilities } from './semanticProduct.ts';
import { bestPerKey, normalized, type Packed, pack, type SemanticExample } from './semanticVectors.ts';

export type { SemanticCalibration, SemanticExample };

/**
 * The embeddings of a workspace's phrasings, searchable by a question's embedding: the closest phrasing's
 * similarity for every key. Built once per knowledge base and embedding model; immutable.
 */
export class SemanticIndex {
  readonly keys: readonly string[];
  readonly dims: number;
  readonly calibration: SemanticCalibration;
  private readonly keyIndex: ReadonlyMap<string, number>;
  private readonly owner: Int32Array;
  private readonly rows: Float32Array;

  private constructor(parts: Packed, calibration: SemanticCalibration) {
    this.keys = parts.keys;
    this.dims = parts.dims;
    this.owner = parts.owner;
    this.rows = parts.rows;
    this.keyIndex = parts.keyIndex;
    this.calibration = calibration;
  }

  /** Builds and calibrates the index, pausing every few milliseconds (`pause`, by default `setImmediate`) so a server keeps answering. */
  static async build(
    examples: readonly SemanticExample[],
    options: {
      heldOut?: HeldOutPredictions;
      pause?: () => Promise<void>;
      /** the longest stretch of work between two pauses (default 8 ms) */
      sliceMs?: number;
    } = {},
  ): Promise<SemanticIndex> {
    const parts = pack(examples);
    const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    const run = calibration(parts, options.heldOut, options.sliceMs);
    let step = run.next();
    while (!step.done) {
      await pause();
      step = run.next();
    }
    return new SemanticIndex(parts, step.value);
  }

  /** The same, all at once (tests, benchmarks). */
  static buildNow(
    examples: readonly SemanticExample[],
    options: { heldOut?: HeldOutPredictions } = {},
  ): SemanticIndex {
    const parts = pack(examples);
    const run = calibration(parts, options.heldOut);
    let step = run.next();
    while (!step.done) step = run.next();
    return new SemanticIndex(parts, step.value);
  }

  get size(): number {
    return this.owner.length;
  }

  has(key: string): boolean {
    return this.keyIndex.has(key);
  }

  /** A question's embedding, ready to be compared (similarities computed once, when first needed). */
  query(vector: ArrayLike<number>): SemanticQuery {
    if (vector.length !== this.dims)
      throw new Error(`embedding has ${vector.length} dimensions, not ${this.dims}`);
    return new SemanticQuery(this, vector);
  }

  /** The closest phrasing's cosine similarity for every key (by `keys` order); -1 for none. */
  bestByKey(vector: ArrayLike<number>): Float64Array {
    const query = new Float32Array(this.dims);
    normalized(vector, query, 0);
    return bestPerKey(this.rows, this.owner, this.keys.length, this.dims, query, 0, -1);
  }

  keyAt(index: number): string {
    return this.keys[index] as string;
  }

  indexOf(key: string): number {
    return this.keyIndex.get(key) ?? -1;
  }
}

/** One question against one index: the closest phrasing per key, the best key and its lead. */
export class SemanticQuery {
  private best: Float64Array | null = null;

  constructor(
    readonly index: SemanticIndex,
    private readonly vector: ArrayLike<number>,
  ) {}

  /** closest-phrasing similarity per key, in `index.keys` order */
  get similarities(): Float64Array {
    this.best ??= this.index.bestByKey(this.vector);
    return this.best;
  }

  /** the key of the closest phrasing, its similarity and its lead over the next key */
  get top(): { key: string | null; similarity: number; margin: number } {
    const s = this.similarities;
    let first = -1;
    let second = -1;
    for (let k = 0; k < s.length; k++) {
      if (first < 0 || (s[k] as number) > (s[first] as number)) {
        second = first;
        first = k;
      } else if (second < 0 || (s[k] as number) > (s[second] as number)) second = k;
    }
    if (first < 0) return { key: null, similarity: -1, margin: 0 };
    const similarity = s[first] as number;
    return {
      key: this.index.keyAt(first),
      similarity,
      margin: similarity - (second >= 0 ? (s[second] as number) : -1),
    };
  }

  /** calibrated probability per key (softmax of the similarities at the index's temperature) */
  probabilities(): Float64Array {
    return similarityProbabilities(this.similarities, SCALE, this.index.calibration.temperature);
  }
}
