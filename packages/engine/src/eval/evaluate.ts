import type { TrainingExample } from '../nlu/clean.ts';
import { type IntentModel, type IntentPrediction, OOS_INTENT } from '../nlu/model.ts';
import { type IntentTrainOptions, trainIntentModel } from '../nlu/train.ts';
import { computeMetrics, type EvaluationMetrics, type LabelledPrediction } from './metrics.ts';
import type { ScoredExample } from './scored.ts';
import { suggestThreshold, type ThresholdSuggestion } from './threshold.ts';

export type { ScoredExample } from './scored.ts';

export interface Evaluation {
  metrics: EvaluationMetrics;
  threshold: ThresholdSuggestion;
  predictions: ScoredExample[];
}

/** The label an engine's prediction counts as: "oos" when it would not answer. */
export function predictedLabel(prediction: IntentPrediction): string {
  return prediction.outcome === 'unknown' || prediction.intent === null ? OOS_INTENT : prediction.intent;
}

export function summarize(predictions: ScoredExample[], currentThreshold: number): Evaluation {
  const rows: LabelledPrediction[] = predictions.map((p) => ({
    expected: p.expected,
    predicted: predictedLabel(p.prediction),
  }));
  return {
    metrics: computeMetrics(rows),
    threshold: suggestThreshold(predictions, currentThreshold),
    predictions,
  };
}

/** Scores a trained model on labelled examples. */
export function evaluateModel(model: IntentModel, test: readonly TrainingExample[]): Evaluation {
  const predictions = test.map(({ text, intent }) => ({
    text,
    expected: intent,
    prediction: model.predict(text),
  }));
  return summarize(predictions, model.snapshot.detector.threshold);
}

/** Trains on one set and scores on another (train → validation). */
export function evaluateSplit(
  train: readonly TrainingExample[],
  test: readonly TrainingExample[],
  options: IntentTrainOptions = {},
): Evaluation & { model: IntentModel } {
  const model = trainIntentModel(train, options);
  return { ...evaluateModel(model, test), model };
}
