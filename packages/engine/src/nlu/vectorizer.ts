import type { Analysis } from '../lang/index.ts';
import { type FeatureOptions, featureStrings } from './features.ts';
import { type SparseVector, weightedVector } from './sparse.ts';

export interface VectorizerSnapshot {
  features: string[];
  idf: Float32Array;
  options: FeatureOptions;
}

export interface Vectorized {
  vector: SparseVector;
  /** word tokens of the message (letters or digits) */
  words: number;
  /** of those, how many the training data never contained */
  unknownWords: number;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Feature strings → indices of the training vocabulary, weighted by tf-idf and scaled to unit length. */
export class Vectorizer {
  private readonly index: Map<string, number>;

  constructor(private readonly snapshot: VectorizerSnapshot) {
    this.index = new Map(snapshot.features.map((f, i) => [f, i]));
  }

  /**
   * Builds the vocabulary from training messages: features seen in at least `minCount` messages
   * (rarer ones are mostly noise and cost memory in every class), and all whole words.
   */
  static fit(analyses: readonly Analysis[], options: FeatureOptions = {}, minCount = 2): Vectorizer {
    return Vectorizer.fitFeatures(
      analyses.map((a) => featureStrings(a, options)),
      options,
      minCount,
    );
  }

  /** The same from feature strings already extracted with these options. */
  static fitFeatures(lists: readonly string[][], options: FeatureOptions, minCount = 2): Vectorizer {
    const counts = new Map<string, number>();
    for (const list of lists) {
      for (const f of new Set(list)) counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    const features: string[] = [];
    const idfs: number[] = [];
    for (const [f, count] of counts) {
      if (count < minCount && !f.startsWith('w')) continue;
      features.push(f);
      idfs.push(Math.log((1 + lists.length) / (1 + count)) + 1);
    }
    return new Vectorizer({ features, idf: Float32Array.from(idfs), options });
  }

  get size(): number {
    return this.snapshot.features.length;
  }

  toSnapshot(): VectorizerSnapshot {
    return this.snapshot;
  }

  vectorize(analysis: Analysis, features = featureStrings(analysis, this.snapshot.options)): Vectorized {
    const indices: number[] = [];
    for (const f of features) {
      const i = this.index.get(f);
      if (i !== undefined) indices.push(i);
    }
    let words = 0;
    let unknownWords = 0;
    for (const token of analysis.tokens) {
      if (!WORDLIKE.test(token)) continue;
      words++;
      if (!this.index.has(`w${token}`)) unknownWords++;
    }
    return { vector: weightedVector(indices, this.snapshot.idf), words, unknownWords };
  }
}
