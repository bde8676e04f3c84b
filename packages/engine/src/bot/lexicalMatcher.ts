import { Analyzer, type AnalyzerOptions } from '../lang/index.ts';
import { FaqIndex } from '../retrieval/index.ts';
import type { FaqMatch, FaqMatcher } from './matcher.ts';
import type { KnowledgeEntry } from './types.ts';

const WORDLIKE = /[\p{L}\p{N}]/u;

export interface LexicalMatcherOptions extends AnalyzerOptions {
  /** similarity at which the best entry is answered (default 0.6) */
  answerAt?: number;
  /** similarity from which entries are offered as "did you mean" (default 0.25) */
  clarifyAt?: number;
  /** lead the best entry needs over the next to be answered without asking (default 0.15) */
  margin?: number;
}

/** BM25 over words and Chinese character bigrams; the fallback matcher when no model is trained. */
export function createLexicalMatcher(
  entries: readonly KnowledgeEntry[],
  options: LexicalMatcherOptions = {},
): FaqMatcher {
  const analyzer = new Analyzer(options);
  const index = new FaqIndex(entries, analyzer);
  const answerAt = options.answerAt ?? 0.6;
  const clarifyAt = options.clarifyAt ?? 0.25;
  const margin = options.margin ?? 0.15;
  return {
    match(text: string): FaqMatch {
      const analysis = analyzer.analyze(text);
      if (!analysis.tokens.some((t) => WORDLIKE.test(t)))
        return { outcome: 'unknown', candidates: [], empty: true };
      const hits = index.search(analysis, 5);
      const candidates = hits.map((h) => ({ entryId: h.entryId, confidence: h.similarity }));
      const [top, second] = candidates;
      if (!top || top.confidence < clarifyAt) return { outcome: 'unknown', candidates, empty: false };
      if (top.confidence >= answerAt && (!second || top.confidence - second.confidence >= margin)) {
        return { outcome: 'answer', candidates, empty: false };
      }
      const offered = candidates.filter((c) => c.confidence >= clarifyAt * 0.8).slice(0, 3);
      return { outcome: 'clarify', candidates: offered, empty: false };
    },
  };
}
