import { OOS_INTENT } from '../nlu/model.ts';
import type { ScoredExample } from './scored.ts';

export interface OperatingPoint {
  /** out-of-scope score at or above which the engine says it does not know */
  threshold: number;
  inScopeAccuracy: number;
  /** null when the data has no out-of-scope example */
  oosRecall: number | null;
  /** share of all messages the engine answers (not refused) */
  answered: number;
  accuracy: number;
}

export interface ThresholdSuggestion {
  /** the threshold with the best overall accuracy (refusing an out-of-scope message counts as right) */
  suggested: number;
  current: number;
  /** operating points from refusing nothing to refusing much, for the owner to pick from */
  curve: OperatingPoint[];
  note: string;
}

function pointAt(predictions: readonly ScoredExample[], threshold: number): OperatingPoint {
  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosRefused = 0;
  let answered = 0;
  for (const { expected, prediction } of predictions) {
    const s = prediction.signals;
    const refused = prediction.ranking.length === 0 || s.oos > s.top || prediction.oosScore >= threshold;
    if (!refused) answered++;
    if (expected === OOS_INTENT) {
      oos++;
      if (refused) oosRefused++;
    } else {
      inScope++;
      if (!refused && prediction.intent === expected) inScopeRight++;
    }
  }
  const n = predictions.length || 1;
  return {
    threshold,
    inScopeAccuracy: inScope === 0 ? 0 : inScopeRight / inScope,
    oosRecall: oos === 0 ? null : oosRefused / oos,
    answered: answered / n,
    accuracy: (inScopeRight + oosRefused) / n,
  };
}

/**
 * Sweeps the out-of-scope threshold over labelled predictions and suggests the one with the best
 * accuracy, counting a refused out-of-scope message as right and a refused in-scope one as wrong.
 */
export function suggestThreshold(
  predictions: readonly ScoredExample[],
  current: number,
): ThresholdSuggestion {
  const scores = [...new Set(predictions.map((p) => p.prediction.oosScore))].sort((a, b) => a - b);
  const candidates = [1 + 1e-9, ...scores.map((s) => s + 1e-9).reverse(), 0];
  let best = pointAt(predictions, current);
  for (const threshold of candidates) {
    const point = pointAt(predictions, threshold);
    if (point.accuracy > best.accuracy + 1e-12) best = point;
  }
  const curve = [1 + 1e-9, 0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, current, best.threshold]
    .sort((a, b) => b - a)
    .filter((t, i, all) => i === 0 || Math.abs(t - all[i - 1]!) > 1e-9)
    .map((t) => pointAt(predictions, t));
  const hasOos = predictions.some((p) => p.expected === OOS_INTENT);
  return {
    suggested: best.threshold,
    current,
    curve,
    note: hasOos
      ? 'suggested: best accuracy on this data (a refused out-of-scope message counts as right)'
      : 'this data has no out-of-scope examples ("oos"): add some to tune how readily the bot says it does not know',
  };
}
