import { Analyzer } from '../../lang/index.ts';
import { Bm25Index } from '../bm25.ts';
import { lexicalTerms } from '../terms.ts';

/** A passage the index can return: its key (the caller's), heading and text. */
export interface IndexedPassage<K> {
  key: K;
  heading: string;
  text: string;
}

export interface PassageHit<K> {
  key: K;
  /** raw BM25 score, for ranking */
  score: number;
  /** 0..1: the share of the question's weight the passage contains */
  coverage: number;
}

const LATIN = /^[a-z]{4,}$/;

/**
 * Terms of a text for passage retrieval: segmented words (Chinese words, stemmed English), Chinese
 * character bigrams (a word segmented differently still matches), and character trigrams of longer
 * English words (a different inflection or a typo still matches part of it).
 */
export function passageTerms(analyzer: Analyzer, text: string): string[] {
  const analysis = analyzer.analyze(text);
  const terms = lexicalTerms(analysis);
  for (const surface of analysis.surfaces) {
    if (!LATIN.test(surface)) continue;
    for (let i = 0; i + 3 <= surface.length; i++) terms.push(`~${surface.slice(i, i + 3)}`);
  }
  return terms;
}

/**
 * A lexical index of document passages that needs no language model: BM25 over words and character n-grams,
 * heading words counted with the passage. `search` ranks passages by BM25 and reports how much of the
 * question each covers (the bot answers only from a passage that covers enough of it).
 */
export class PassageIndex<K> {
  private readonly analyzer: Analyzer;
  private readonly bm25: Bm25Index<K>;

  constructor(passages: Iterable<IndexedPassage<K>>, analyzer: Analyzer = new Analyzer()) {
    this.analyzer = analyzer;
    const documents: Array<{ key: K; terms: string[] }> = [];
    for (const p of passages) {
      documents.push({ key: p.key, terms: passageTerms(analyzer, `${p.heading}\n${p.text}`) });
    }
    this.bm25 = new Bm25Index(documents, { maxDocShare: 0.5 });
  }

  get size(): number {
    return this.bm25.size;
  }

  search(question: string, limit = 8): PassageHit<K>[] {
    const terms = passageTerms(this.analyzer, question);
    if (terms.length === 0) return [];
    // Coverage counts a word no passage has as much as the rarest word they have: Bm25Index weighs unknown
    // words higher still, which in a small index (a few documents) would let one unknown word sink a match.
    const n = this.bm25.size;
    const rarest = Math.log(1 + (n - 0.5) / 1.5);
    const distinct = [...new Set(terms)];
    const full = distinct.reduce((w, t) => w + this.bm25.idf(t), 0) || 1;
    const capped = distinct.reduce((w, t) => w + Math.min(this.bm25.idf(t), rarest), 0) || 1;
    return this.bm25
      .searchCoverage(terms, Math.max(limit * 4, 20))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((h) => ({ key: h.key, score: h.score, coverage: Math.min(1, (h.similarity * full) / capped) }));
  }
}
