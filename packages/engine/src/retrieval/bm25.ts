export interface Bm25Options {
  k1?: number;
  b?: number;
  /**
   * Terms in more than this share of documents (and in over 50 of them) are ignored as stop words: they
   * barely change scores but dominate the cost of a search over a large index (default 1: none ignored).
   */
  maxDocShare?: number;
}

export interface Bm25Hit<K> {
  key: K;
  /** raw BM25 score, for ranking */
  score: number;
  /**
   * 0..1: idf-weighted overlap of query and document (geometric mean of the share of the query
   * matched and the share of the document matched). Comparable across queries, unlike raw BM25.
   */
  similarity: number;
}

interface Postings {
  docs: Int32Array;
  /** BM25 term-frequency factor per document, precomputed: the score is idf × this */
  factors: Float32Array;
}

/** Okapi BM25 over pre-tokenised documents; several documents may share a key (one FAQ entry, many phrasings). */
export class Bm25Index<K> {
  private readonly keys: K[] = [];
  /** sum of idf over each document's distinct terms */
  private readonly weights: Float64Array;
  private readonly postings = new Map<string, Postings>();
  private readonly idfs = new Map<string, number>();
  private readonly stopWords = new Set<string>();
  private readonly unknownIdf: number;
  // Scratch space for searches (the index is read-only and JavaScript runs one search at a time).
  private readonly scores: Float64Array;
  private readonly overlaps: Float64Array;
  private readonly touched: Int32Array;

  constructor(documents: Iterable<{ key: K; terms: readonly string[] }>, options: Bm25Options = {}) {
    const k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.75;
    const lengths: number[] = [];
    const distinct: string[][] = [];
    const lists = new Map<string, { doc: number; tf: number }[]>();
    for (const { key, terms } of documents) {
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      const index = this.keys.length;
      this.keys.push(key);
      lengths.push(terms.length);
      distinct.push([...counts.keys()]);
      for (const [term, tf] of counts) {
        const list = lists.get(term);
        if (list) list.push({ doc: index, tf });
        else lists.set(term, [{ doc: index, tf }]);
      }
    }
    const n = this.keys.length;
    const averageLength = n === 0 ? 1 : lengths.reduce((sum, l) => sum + l, 0) / n || 1;
    const maxDf = Math.max(50, (options.maxDocShare ?? 1) * n);
    for (const [term, list] of lists) {
      if (list.length > maxDf) {
        this.stopWords.add(term);
        continue;
      }
      this.idfs.set(term, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
      this.postings.set(term, {
        docs: Int32Array.from(list, (p) => p.doc),
        factors: Float32Array.from(
          list,
          (p) => (p.tf * (k1 + 1)) / (p.tf + k1 * (1 - b + (b * lengths[p.doc]!) / averageLength)),
        ),
      });
    }
    // A word nobody wrote is as informative as the rarest known one: it counts against the match.
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5);
    this.weights = Float64Array.from(distinct, (terms) =>
      terms.reduce((w, t) => w + (this.idfs.get(t) ?? 0), 0),
    );
    this.scores = new Float64Array(n);
    this.overlaps = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Weight of a term in a query; 0 for stop words. */
  idf(term: string): number {
    const idf = this.idfs.get(term);
    if (idf !== undefined) return idf;
    return this.stopWords.has(term) ? 0 : this.unknownIdf;
  }

  /** Scores every document sharing a term with the query; returns how many were touched. */
  private accumulate(queryTerms: readonly string[]): { touched: number; queryWeight: number } {
    let touched = 0;
    let queryWeight = 0;
    for (const term of new Set(queryTerms)) {
      const idf = this.idf(term);
      queryWeight += idf;
      const postings = this.postings.get(term);
      if (!postings) continue;
      const { docs, factors } = postings;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        if (this.overlaps[doc] === 0) this.touched[touched++] = doc;
        this.scores[doc]! += idf * factors[i]!;
        this.overlaps[doc]! += idf;
      }
    }
    return { touched, queryWeight: queryWeight || 1 };
  }

  private similarity(doc: number, queryWeight: number): number {
    const overlap = this.overlaps[doc]!;
    return Math.min(1, Math.sqrt((overlap / queryWeight) * (overlap / (this.weights[doc]! || 1))));
  }

  private reset(touched: number): void {
    for (let i = 0; i < touched; i++) {
      const doc = this.touched[i]!;
      this.scores[doc] = 0;
      this.overlaps[doc] = 0;
    }
  }

  /** Best document per key, most similar first (raw score breaks ties). */
  search(queryTerms: readonly string[], limit = 10): Bm25Hit<K>[] {
    const { touched, queryWeight } = this.accumulate(queryTerms);
    const best = new Map<K, Bm25Hit<K>>();
    for (let i = 0; i < touched; i++) {
      const doc = this.touched[i]!;
      const similarity = this.similarity(doc, queryWeight);
      const key = this.keys[doc]!;
      const previous = best.get(key);
      if (!previous || similarity > previous.similarity)
        best.set(key, { key, score: this.scores[doc]!, similarity });
    }
    this.reset(touched);
    return [...best.values()]
      .sort((a, b) => b.similarity - a.similarity || b.score - a.score)
      .slice(0, limit);
  }

  /**
   * Best document per key by the share of the query's weight it contains (0..1), ignoring how much else
   * the document says: for long documents such as answers, where the two-sided similarity would be tiny.
   */
  searchCoverage(queryTerms: readonly string[], limit = 10): Bm25Hit<K>[] {
    const { touched, queryWeight } = this.accumulate(queryTerms);
    const best = new Map<K, Bm25Hit<K>>();
    for (let i = 0; i < touched; i++) {
      const doc = this.touched[i]!;
      const similarity = Math.min(1, this.overlaps[doc]! / queryWeight);
      const key = this.keys[doc]!;
      const previous = best.get(key);
      if (!previous || similarity > previous.similarity)
        best.set(key, { key, score: this.scores[doc]!, similarity });
    }
    this.reset(touched);
    return [...best.values()]
      .sort((a, b) => b.similarity - a.similarity || b.score - a.score)
      .slice(0, limit);
  }

  /** Similarity of the closest document (0 when nothing overlaps), without ranking the rest. */
  bestSimilarity(queryTerms: readonly string[]): number {
    const { touched, queryWeight } = this.accumulate(queryTerms);
    let best = 0;
    for (let i = 0; i < touched; i++) best = Math.max(best, this.similarity(this.touched[i]!, queryWeight));
    this.reset(touched);
    return best;
  }
}
