import { type TrainingExample, validateExamples } from '../nlu/clean.ts';
import { stratifiedFolds } from '../nlu/split.ts';
import { type IntentTrainOptions, trainIntentModel } from '../nlu/train.ts';
import { type Evaluation, type ScoredExample, summarize } from './evaluate.ts';

export interface CrossValidationOptions extends IntentTrainOptions {
  /** number of folds (default 5) */
  folds?: number;
}

export interface CrossValidation extends Evaluation {
  folds: number;
  /** training time of each fold, ms */
  trainMs: number[];
}

/**
 * k-fold cross-validation: every example is predicted by a model that never saw it. The folds are
 * stratified by intent and fixed by the seed.
 */
export function crossValidate(
  examples: readonly TrainingExample[],
  options: CrossValidationOptions = {},
): CrossValidation {
  validateExamples(examples);
  const k = Math.max(2, Math.min(options.folds ?? 5, examples.length));
  const fold = stratifiedFolds(
    examples.map((e) => e.intent),
    k,
    options.seed ?? 1,
  );
  const predictions: (ScoredExample | undefined)[] = new Array(examples.length);
  const trainMs: number[] = [];
  let thresholds = 0;
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const started = performance.now();
    const model = trainIntentModel(train, options);
    trainMs.push(performance.now() - started);
    thresholds += model.snapshot.detector.threshold;
    examples.forEach((e, i) => {
      if (fold[i] === f)
        predictions[i] = { text: e.text, expected: e.intent, prediction: model.predict(e.text) };
    });
  }
  const all = predictions.filter((p): p is ScoredExample => p !== undefined);
  return { ...summarize(all, thresholds / k), folds: k, trainMs };
}
