import { OOS_INTENT } from '../nlu/model.ts';

export interface LabelledPrediction {
  expected: string;
  /** "oos" when the engine would not answer */
  predicted: string;
}

export interface IntentMetrics {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  /** examples of this intent in the test data */
  support: number;
}

export interface ConfusionPair {
  expected: string;
  predicted: string;
  count: number;
}

export interface EvaluationMetrics {
  n: number;
  /** all rows predicted exactly */
  accuracy: number;
  inScope: { n: number; accuracy: number };
  /** recall and precision of "oos" (out of scope); null when there is no such row or prediction */
  outOfScope: { n: number; recall: number | null; precision: number | null };
  /** macro-average F1 over every label in the data (oos counts as one label) */
  macroF1: number;
  perIntent: IntentMetrics[];
  /** most frequent mistakes first */
  confusions: ConfusionPair[];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function computeMetrics(rows: readonly LabelledPrediction[]): EvaluationMetrics {
  const labels = new Set<string>();
  const truePositive = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const support = new Map<string, number>();
  const confusions = new Map<string, ConfusionPair>();
  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  for (const { expected, predicted } of rows) {
    labels.add(expected);
    labels.add(predicted);
    support.set(expected, (support.get(expected) ?? 0) + 1);
    predictedCount.set(predicted, (predictedCount.get(predicted) ?? 0) + 1);
    if (expected !== OOS_INTENT) inScope++;
    if (expected === predicted) {
      correct++;
      truePositive.set(expected, (truePositive.get(expected) ?? 0) + 1);
      if (expected !== OOS_INTENT) inScopeCorrect++;
    } else {
      const key = `${expected}\u0000${predicted}`;
      const pair = confusions.get(key) ?? { expected, predicted, count: 0 };
      pair.count++;
      confusions.set(key, pair);
    }
  }
  const perIntent: IntentMetrics[] = [...labels]
    .filter((l) => (support.get(l) ?? 0) > 0)
    .sort()
    .map((intent) => {
      const tp = truePositive.get(intent) ?? 0;
      const precision = ratio(tp, predictedCount.get(intent) ?? 0) ?? 0;
      const recall = ratio(tp, support.get(intent) ?? 0) ?? 0;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return { intent, precision, recall, f1, support: support.get(intent) ?? 0 };
    });
  const oosTp = truePositive.get(OOS_INTENT) ?? 0;
  return {
    n: rows.length,
    accuracy: ratio(correct, rows.length) ?? 0,
    inScope: { n: inScope, accuracy: ratio(inScopeCorrect, inScope) ?? 0 },
    outOfScope: {
      n: support.get(OOS_INTENT) ?? 0,
      recall: ratio(oosTp, support.get(OOS_INTENT) ?? 0),
      precision: ratio(oosTp, predictedCount.get(OOS_INTENT) ?? 0),
    },
    macroF1: perIntent.length === 0 ? 0 : perIntent.reduce((s, m) => s + m.f1, 0) / perIntent.length,
    perIntent,
    confusions: [...confusions.values()].sort(
      (a, b) => b.count - a.count || a.expected.localeCompare(b.expected),
    ),
  };
}
