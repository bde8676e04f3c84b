import type { FaqEngine, FaqSearchResult } from '../retrieval/faqEngine.ts';
import type { FaqMatch, FaqMatcher } from './matcher.ts';

/**
 * Adapts the NLU engine's FAQ search to the bot's matcher interface. `observe` sees every search's full
 * result (fused, classifier and lexical scores): how the bot explains a decision without searching twice.
 */
export function engineMatcher(engine: FaqEngine, observe?: (result: FaqSearchResult) => void): FaqMatcher {
  return {
    match(text: string): FaqMatch {
      const result = engine.search(text, 5);
      observe?.(result);
      const empty = result.prediction.ranking.length === 0;
      const candidates = result.candidates.map((c) => ({ entryId: c.entryId, confidence: c.score }));
      if (result.outcome !== 'clarify') return { outcome: result.outcome, candidates, empty };
      return { outcome: 'clarify', candidates: candidates.slice(0, 3), empty };
    },
  };
}
