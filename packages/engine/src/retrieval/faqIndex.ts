import type { KnowledgeEntry, Lang } from '../bot/types.ts';
import type { Analysis, Analyzer } from '../lang/index.ts';
import { Bm25Index } from './bm25.ts';
import { lexicalTerms } from './terms.ts';

export interface FaqHit {
  entryId: string;
  /** raw BM25 score */
  score: number;
  /** 0..1 idf-weighted overlap with the best-matching phrasing */
  similarity: number;
}

/** Lexical index over every phrasing of every FAQ entry, in both languages. */
export class FaqIndex {
  private readonly index: Bm25Index<string>;

  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly analyzer: Analyzer,
  ) {
    const docs: { key: string; terms: string[] }[] = [];
    for (const entry of entries) {
      for (const lang of ['zh', 'en'] as Lang[]) {
        for (const question of entry.questions[lang] ?? []) {
          const terms = lexicalTerms(analyzer.analyze(question));
          if (terms.length > 0) docs.push({ key: entry.id, terms });
        }
      }
    }
    this.index = new Bm25Index(docs);
  }

  search(query: string | Analysis, limit = 5): FaqHit[] {
    const analysis = typeof query === 'string' ? this.analyzer.analyze(query) : query;
    const terms = lexicalTerms(analysis);
    if (terms.length === 0) return [];
    return this.index.search(terms, limit).map((hit) => ({
      entryId: hit.key,
      score: hit.score,
      similarity: hit.similarity,
    }));
  }
}
