import type { SemanticQuery } from '../nlu/semanticIndex.ts';
import type { FaqEngine, FaqSearchResult } from '../retrieval/faqEngine.ts';
import type { FaqMatch, FaqMatcher } from './matcher.ts';
import { helpfulSuggestions, SUGGESTION_RULE, type SuggestionRule } from './suggestions.ts';

/** The question speaks to this business ("do you take PayPal?", "你们支持…"), not about the other company's. */
const TO_US = /\b(?:you|your|yours)\b|你们|您们|你家|贵店|贵司|贵公司|咱们|本店/iu;

/**
 * Adapts the NLU engine's FAQ search to the bot's matcher interface. `observe` sees every search's full
 * result (fused, classifier and lexical scores): how the bot explains a decision without searching twice.
 *
 * An unsure search becomes "did you mean" only when the suggestions help (`helpfulSuggestions`); a question
 * about another company ("how do I return something to Walmart", "招商银行信用卡怎么还款") is declined rather
 * than offered this shop's articles, unless it asks us about it ("do you take PayPal?").
 */
export function engineMatcher(
  engine: FaqEngine,
  observe?: (result: FaqSearchResult) => void,
  rule: SuggestionRule = SUGGESTION_RULE,
): FaqMatcher {
  // the companies the knowledge base names (questions and answers) are its own
  const others = engine.organizations;
  return {
    match(text: string, semantic?: SemanticQuery | null): FaqMatch {
      const result = engine.search(text, 5, semantic);
      observe?.(result);
      const empty = result.prediction.ranking.length === 0;
      const candidates = result.candidates.map((c) => ({ entryId: c.entryId, confidence: c.score }));
      if (result.outcome === 'answer') return { outcome: 'answer', candidates, empty };
      if (!empty && !TO_US.test(text) && others.othersIn(text).length > 0)
        return { outcome: 'unknown', candidates, empty, elsewhere: true };
      if (result.outcome === 'unknown') return { outcome: 'unknown', candidates, empty };
      // a heading (「配送咨询」) is offered its topic's entries as they are
      const offered = result.topic ? result.candidates.slice(0, 3) : helpfulSuggestions(result, rule);
      if (offered.length === 0) return { outcome: 'unknown', candidates, empty };
      return {
        outcome: 'clarify',
        candidates: offered.map((c) => ({ entryId: c.entryId, confidence: c.score })),
        empty,
      };
    },
  };
}
