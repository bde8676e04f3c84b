import type { FaqScore, FaqSearchResult } from '../retrieval/faqEngine.ts';

/**
 * When a "did you mean" list is worth showing. The engine offers its top entries whenever it is unsure, and
 * for a question it has no entry for (a joke, the weather, a prompt injection) those are three unrelated
 * buttons: worse than an honest "I can't help with that". A list is shown only when the question is close
 * to the knowledge base, and then only the entries close to the best one.
 *
 * Chosen on development data only (`packages/engine/bench/faq/tune.ts`: the demo's knowledge-dev.json, with
 * CLINC150 val out-of-scope and SMP2017 val questions as off-topic traffic), never on the held-out
 * knowledge-eval.json: it kept 24 of the 27 development lists that held the right entry and dropped about
 * three quarters of the lists shown for off-topic questions.
 */
export interface SuggestionRule {
  /** the best entry's classifier probability must reach this: below it the model is guessing */
  minConfidence: number;
  /** share of the question's words the knowledge base never uses, from which the question is not ours… */
  maxUnknownShare: number;
  /**
   * …unless the offered entries together hold at least this share of the classifier's probability: the
   * model is sure it is one of them ("shipping fee" in a small knowledge base that never says "fee")
   */
  sureAmong: number;
  /** an entry is offered only when its fused score is at least this share of the best entry's */
  closeTo: number;
}

export const SUGGESTION_RULE: SuggestionRule = {
  minConfidence: 0.2,
  maxUnknownShare: 1 / 3,
  sureAmong: 0.8,
  closeTo: 0.2,
};

/** The entries worth offering for an unsure search (at most `limit`), or none: the bot then declines. */
export function helpfulSuggestions(
  result: FaqSearchResult,
  rule: SuggestionRule = SUGGESTION_RULE,
  limit = 3,
): FaqScore[] {
  const [top] = result.candidates;
  if (!top || top.classifier < rule.minConfidence) return [];
  const offered = result.candidates.filter((c) => c.score >= rule.closeTo * top.score).slice(0, limit);
  const sure = offered.reduce((sum, c) => sum + c.classifier, 0) >= rule.sureAmong;
  if (result.prediction.signals.unknown >= rule.maxUnknownShare && !sure) return [];
  return offered;
}
