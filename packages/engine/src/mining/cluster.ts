import { maskSensitive } from '../entities/mask.ts';
import { Analyzer } from '../lang/index.ts';
import type { SparseVector } from '../nlu/sparse.ts';
import { communities, neighborGraph } from './louvain.ts';
import { nearestNeighbors } from './neighbors.ts';
import { questionVectors } from './vectors.ts';

export interface ClusterOptions {
  /** analyser of the workspace (user dictionary, synonyms); a plain one by default */
  analyzer?: Analyzer;
  /** neighbours per question in the similarity graph (default 8) */
  neighbors?: number;
  /** link weight a topic needs per pair of its questions; higher → smaller, tighter topics (default 0.04) */
  resolution?: number;
  /** smallest topic reported; smaller groups stay unclustered (default 2) */
  minClusterSize?: number;
  /** representative questions per topic (default 5) */
  representatives?: number;
  /** keywords per topic (default 5) */
  keywords?: number;
  /** seed of the graph clustering's visiting order (default 1): the same input gives the same topics */
  seed?: number;
}

/** A topic: questions that ask the same thing in different words. */
export interface QuestionCluster {
  /** indices into the input, most typical first */
  members: number[];
  /** the most typical distinct questions (indices), for showing and for FAQ phrasings */
  representatives: number[];
  /** its most telling words, as customers wrote them */
  keywords: string[];
  /** mean cosine similarity of its members to their centroid, 0..1 */
  cohesion: number;
}

export interface Clustering {
  /** topics, largest first */
  clusters: QuestionCluster[];
  /** each question's topic index, or -1 when it joined none */
  assignment: Int32Array;
}

/**
 * Groups questions (Chinese and English together) into topics without being told how many: TF-IDF over
 * words and character n-grams, a k-nearest-neighbour similarity graph, then community detection on it.
 * Empty input gives no topics; a question that resembles no other stays unclustered.
 */
export function clusterQuestions(questions: readonly string[], options: ClusterOptions = {}): Clustering {
  const n = questions.length;
  const minSize = Math.max(1, options.minClusterSize ?? 2);
  const assignment = new Int32Array(n).fill(-1);
  if (n === 0) return { clusters: [], assignment };
  const analyzer = options.analyzer ?? new Analyzer();
  // phone numbers, e-mail addresses, ID and card numbers masked first: a customer who repeats theirs must
  // not make it (or the name in an address) a topic's keyword
  const texts = questions.map((text) => maskSensitive(text));
  const { vectors, features } = questionVectors(texts, { analyzer });
  // below 0.15 two questions share little more than a common word: no evidence of one topic
  const lists = nearestNeighbors(vectors, { k: options.neighbors ?? 8, minSimilarity: 0.15 });
  const community = communities(neighborGraph(lists), {
    resolution: options.resolution ?? 0.04,
    seed: options.seed,
  });
  const groups = new Map<number, number[]>();
  community.forEach((c, i) => {
    const group = groups.get(c);
    if (group) group.push(i);
    else groups.set(c, [i]);
  });
  const kept = [...groups.values()]
    .filter((g) => g.length >= minSize)
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const clusters = kept.map((members) => describe(members, texts, vectors, features, analyzer, options));
  clusters.forEach((cluster, index) => {
    for (const m of cluster.members) assignment[m] = index;
  });
  return { clusters, assignment };
}

function describe(
  members: number[],
  texts: readonly string[],
  vectors: readonly SparseVector[],
  features: readonly string[],
  analyzer: Analyzer,
  options: ClusterOptions,
): QuestionCluster {
  const centroid = new Map<number, number>();
  for (const m of members) {
    const v = vectors[m]!;
    for (let j = 0; j < v.indices.length; j++)
      centroid.set(v.indices[j]!, (centroid.get(v.indices[j]!) ?? 0) + v.values[j]!);
  }
  let norm = 0;
  for (const w of centroid.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  const closeness = members.map((m) => {
    const v = vectors[m]!;
    let dot = 0;
    for (let j = 0; j < v.indices.length; j++) dot += (centroid.get(v.indices[j]!) ?? 0) * v.values[j]!;
    return { m, dot: dot / norm };
  });
  closeness.sort((a, b) => b.dot - a.dot || a.m - b.m);
  const ordered = closeness.map((c) => c.m);
  const representatives: number[] = [];
  const seen = new Set<string>();
  for (const m of ordered) {
    const key = texts[m]!.toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, '');
    if (seen.has(key)) continue;
    seen.add(key);
    representatives.push(m);
    if (representatives.length >= (options.representatives ?? 5)) break;
  }
  const cohesion = closeness.reduce((s, c) => s + c.dot, 0) / members.length;
  return {
    members: ordered,
    representatives,
    keywords: keywordsOf(ordered, texts, centroid, features, analyzer, options.keywords ?? 5),
    cohesion,
  };
}

/**
 * Words never shown as keywords: without a letter (numbers, `<num>`), with four digits in a row (order and
 * account numbers), or with what is left of a masked value or an e-mail address.
 */
const PRIVATE_WORD = /^[^\p{L}]*$|<num>|\p{N}{4,}|[@*]/u;

/** The centroid's heaviest word features, shown as the surface form customers used most for each. */
function keywordsOf(
  members: number[],
  texts: readonly string[],
  centroid: Map<number, number>,
  features: readonly string[],
  analyzer: Analyzer,
  count: number,
): string[] {
  const words = [...centroid]
    .filter(([f]) => features[f]!.startsWith('w') && !PRIVATE_WORD.test(features[f]!.slice(1)))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([f]) => features[f]!.slice(1));
  const wanted = new Set(words);
  const surfaces = new Map<string, Map<string, number>>();
  for (const m of members.slice(0, 200)) {
    const { tokens, surfaces: written } = analyzer.analyze(texts[m]!);
    tokens.forEach((token, i) => {
      if (!wanted.has(token) || tokens.length !== written.length) return;
      const forms = surfaces.get(token) ?? new Map<string, number>();
      forms.set(written[i]!, (forms.get(written[i]!) ?? 0) + 1);
      surfaces.set(token, forms);
    });
  }
  return words.map((w) => {
    const forms = surfaces.get(w);
    if (!forms) return w;
    return [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  });
}
