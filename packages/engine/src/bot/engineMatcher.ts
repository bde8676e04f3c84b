import type { FaqEngine } from '../retrieval/faqEngine.ts';
import type { FaqMatch, FaqMatcher } from './matcher.ts';

/** Adapts the NLU engine's FAQ search to the bot's matcher interface. */
export function engineMatcher(engine: FaqEngine): FaqMatcher {
  return {
    match(text: string): FaqMatch {
      const result = engine.search(text, 5);
      const empty = result.prediction.ranking.length === 0;
      const candidates = result.candidates.map((c) => ({ entryId: c.entryId, confidence: c.score }));
      if (result.outcome !== 'clarify') return { outcome: result.outcome, candidates, empty };
      return { outcome: 'clarify', candidates: candidates.slice(0, 3), empty };
    },
  };
}
