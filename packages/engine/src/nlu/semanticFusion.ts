import type { DecisionSettings, IntentPrediction, Outcome } from './model.ts';
import type { SemanticQuery } from './semanticIndex.ts';
import { productRanking } from './semanticProduct.ts';

/** What the embeddings said about a message, kept with the prediction (explanations, the bench). */
export interface SemanticEvidence {
  /** the key of the closest phrasing and its cosine similarity */
  key: string | null;
  similarity: number;
  /** how the embeddings changed the outcome: confirmed it, vetoed an answer, or rescued a refusal */
  effect: 'none' | 'veto' | 'rescue';
}

export type FusedPrediction = IntentPrediction & { semantic?: SemanticEvidence };

/**
 * The classifier's prediction with the message's embedding as extra evidence:
 * - each intent's probability is the product of the classifier's and the embeddings' (nearest phrasings,
 *   softmax at the temperature fitted on the workspace's phrasings), renormalised: calibrated experts each
 *   count as much as they proved to be worth (a weak embedding has a high temperature, nearly flat, and one
 *   that is mostly wrong on the workspace's own phrasings is ignored: `exponent`);
 * - out of scope: a message whose closest phrasing is less similar than nearly all of the workspace's own
 *   phrasings are to each other is not answered (`outOfScopeBelow`), even when both experts lean to one intent
 *   (a softmax always leans somewhere: the distance is the evidence), and one the classifier refused but that is
 *   closer to a phrasing than questions about untaught intents ever get is decided on the mixed
 *   probabilities (`inScopeFrom`: a high bar, set on the workspace's phrasings).
 * The classifier's answer/clarify thresholds apply to the mixed probabilities.
 */
export function fusePrediction(
  prediction: IntentPrediction,
  query: SemanticQuery,
  decision: DecisionSettings,
): FusedPrediction {
  const { index } = query;
  const { outOfScopeBelow, inScopeFrom, exponent } = index.calibration;
  // embeddings that proved no help change nothing; a message with no words stays the classifier's (not a
  // miss to count), and so does one whose best intent
  // the index does not know yet (saved since it was built): the embeddings cannot speak for it
  if (prediction.ranking.length === 0 || exponent === 0) return prediction;
  if (prediction.intent !== null && prediction.outcome !== 'unknown' && !index.has(prediction.intent))
    return prediction;
  const top = query.top;
  const ranking = productRanking(
    prediction.ranking,
    query.probabilities(),
    index,
    exponent,
    prediction.signals.oos,
  );
  const best = ranking[0]?.confidence ?? 0;
  const margin = best - (ranking[1]?.confidence ?? 0);
  const decide = (): Outcome =>
    best >= decision.answerAt && margin >= decision.clarifyMargin ? 'answer' : 'clarify';
  let outcome: Outcome;
  let effect: SemanticEvidence['effect'] = 'none';
  if (ranking.length === 0) outcome = 'unknown';
  else if (prediction.outcome === 'unknown') {
    const rescued = top.similarity >= inScopeFrom;
    outcome = rescued ? decide() : 'unknown';
    if (rescued) effect = 'rescue';
  } else if (top.similarity < outOfScopeBelow) {
    outcome = 'unknown';
    effect = 'veto';
  } else outcome = decide();
  return {
    ...prediction,
    outcome,
    intent: ranking[0]?.intent ?? null,
    confidence: best,
    ranking,
    signals: { ...prediction.signals, top: best, margin },
    semantic: { key: top.key, similarity: top.similarity, effect },
  };
}
