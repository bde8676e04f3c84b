import { type Analysis, Analyzer } from '../lang/index.ts';
import { featureStrings } from '../nlu/features.ts';
import type { SparseVector } from '../nlu/sparse.ts';

export interface VectorOptions {
  /** analyser of the workspace (user dictionary, synonyms); a plain one by default */
  analyzer?: Analyzer;
  /** a feature must occur in at least this many questions to count (default 2: a feature seen once links nothing) */
  minDocumentFrequency?: number;
  /** features in more than this share of the questions say nothing about a topic (default 0.3; never fewer than 10 questions) */
  maxDocumentShare?: number;
}

export interface QuestionVectors {
  /** one unit-length TF-IDF vector per question (empty when none of its features is shared) */
  vectors: SparseVector[];
  /** feature strings by index: `w` word, `c` Latin character n-gram, `h` Chinese character n-gram */
  features: string[];
  /** inverse document frequency by feature index */
  idf: Float32Array;
}

/** Words of little meaning in questions; IDF alone leaves them too much weight in short texts. */
const STOP = new Set(
  'a an the i me my we our you your it its is are was were be been am do does did can could would should will shall may might to of in on at for from with by and or but if so that this these those there here what which who whom how when where why please hi hello thanks thank 我 你 您 的 了 吗 呢 吧 啊 是 在 有 和 就 都 也 还 请问 请 一下 你好 谢谢 亲'.split(
    ' ',
  ),
);

/** The features that describe a question's topic: words and character n-grams (Chinese 1-3, Latin 3-5). */
export function topicFeatures(analysis: Analysis): string[] {
  const tokens = analysis.tokens.filter((t) => !STOP.has(t));
  const surfaces = analysis.surfaces.filter((s) => !STOP.has(s));
  return featureStrings(
    { ...analysis, tokens, surfaces },
    { wordBigrams: false, hanGrams: [1, 3], latinGrams: [3, 5] },
  );
}

/**
 * Questions → unit-length TF-IDF vectors over words and character n-grams, in Chinese and English alike
 * (the engine's analyser segments Chinese, stems English, folds Traditional to Simplified). Character
 * n-grams let "refund"/"refunds"/"refunded" and 退款/退钱款 share features where whole words differ.
 */
export function questionVectors(texts: readonly string[], options: VectorOptions = {}): QuestionVectors {
  const analyzer = options.analyzer ?? new Analyzer();
  const minDf = options.minDocumentFrequency ?? 2;
  const maxDf = Math.max(minDf, 10, Math.floor(texts.length * (options.maxDocumentShare ?? 0.3)));
  const ids = new Map<string, number>();
  const df: number[] = [];
  const docs: Map<number, number>[] = [];
  for (const text of texts) {
    const counts = new Map<number, number>();
    for (const feature of topicFeatures(analyzer.analyze(text))) {
      let id = ids.get(feature);
      if (id === undefined) {
        id = df.length;
        ids.set(feature, id);
        df.push(0);
      }
      const seen = counts.get(id);
      if (seen === undefined) df[id]! += 1;
      counts.set(id, (seen ?? 0) + 1);
    }
    docs.push(counts);
  }
  // Keep the features that can link questions, renumbered densely.
  const keep = new Int32Array(df.length).fill(-1);
  const features: string[] = [];
  const names = [...ids.keys()];
  const idfList: number[] = [];
  for (let f = 0; f < df.length; f++) {
    const d = df[f]!;
    if (d < minDf || d > maxDf) continue;
    keep[f] = features.length;
    features.push(names[f]!);
    idfList.push(Math.log((1 + texts.length) / (1 + d)) + 1);
  }
  const idf = Float32Array.from(idfList);
  const vectors = docs.map((counts) => weigh(counts, keep, idf));
  return { vectors, features, idf };
}

function weigh(counts: Map<number, number>, keep: Int32Array, idf: Float32Array): SparseVector {
  const pairs: [number, number][] = [];
  let norm = 0;
  for (const [f, tf] of counts) {
    const k = keep[f]!;
    if (k < 0) continue;
    const v = (1 + Math.log(tf)) * idf[k]!;
    pairs.push([k, v]);
    norm += v * v;
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return {
    indices: Int32Array.from(pairs, (p) => p[0]),
    values: Float32Array.from(pairs, (p) => p[1] * scale),
  };
}
