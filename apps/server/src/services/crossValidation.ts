import {
  type Evaluation,
  type IntentTrainOptions,
  type ScoredExample,
  stratifiedFolds,
  summarize,
  type TrainingExample,
  trainInWorker,
} from '@tandem/engine';

export interface CrossValidationRun {
  evaluation: Evaluation;
  folds: number;
  trainMs: number[];
}

/** Predictions between two turns of the event loop: customers' replies wait at most this many. */
const PREDICTIONS_PER_TURN = 25;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Stratified k-fold cross-validation (as the engine's `crossValidate`), off the event loop: each fold's
 * model trains in a worker thread at low priority, and the held-out examples are predicted here a few at a
 * time. `always` (the sentences of answers the bot also learns from) is in every fold's training and never
 * predicted, so every example is scored by a model that learnt what the running bot learns, except it.
 */
export async function crossValidateOffThread(
  examples: readonly TrainingExample[],
  always: readonly TrainingExample[],
  options: IntentTrainOptions & { folds?: number; signal?: AbortSignal },
): Promise<CrossValidationRun> {
  const k = Math.max(2, Math.min(options.folds ?? 5, examples.length));
  const seed = options.seed ?? 1;
  const fold = stratifiedFolds(
    examples.map((e) => e.intent),
    k,
    seed,
  );
  const { folds: _folds, signal, ...trainOptions } = options;
  const predictions: ScoredExample[] = [];
  const trainMs: number[] = [];
  let thresholds = 0;
  for (let f = 0; f < k; f++) {
    if (signal?.aborted) throw new Error('cross-validation was cancelled');
    const train = [...examples.filter((_, i) => fold[i] !== f), ...always];
    const started = performance.now();
    const model = await trainInWorker(train, { ...trainOptions, seed }, signal ? { signal } : {});
    trainMs.push(Math.round(performance.now() - started));
    thresholds += model.snapshot.detector.threshold;
    let predicted = 0;
    for (let i = 0; i < examples.length; i++) {
      if (fold[i] !== f) continue;
      const { text, intent } = examples[i] as TrainingExample;
      predictions.push({ text, expected: intent, prediction: model.predict(text) });
      if (++predicted % PREDICTIONS_PER_TURN === 0) await nextTurn();
    }
  }
  return { evaluation: summarize(predictions, thresholds / k), folds: k, trainMs };
}
