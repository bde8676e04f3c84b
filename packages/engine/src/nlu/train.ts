import { Analyzer } from '../lang/index.ts';
import { calibration } from './calibrate.ts';
import { cleanExamples, type TrainingExample, validateExamples } from './clean.ts';
import { NluError } from './errors.ts';
import { featureStrings } from './features.ts';
import { fitLinear, snapshotOf, wordCounts } from './fit.ts';
import { offTopicItems } from './generated.ts';
import type { Item } from './items.ts';
import { IntentModel, type IntentModelSnapshot, OOS_INTENT } from './model.ts';
import type { TrainingReport } from './report.ts';
import { carriedCalibration, type PreviousModel, previousModel, trainedOn } from './retrain.ts';
import type { IntentTrainOptions } from './trainOptions.ts';

export type { IntentTrainOptions } from './trainOptions.ts';

/**
 * Trains an intent model from example utterances: cleans the data, adds generated off-topic examples to
 * the out-of-scope class, holds out a share to calibrate confidence and fit the out-of-scope detector,
 * then trains on everything. Given the workspace's `previous` model and a small change, keeps that model's
 * calibration and starts from its weights instead (retrain.ts). Synchronous and CPU-bound: run it in a worker
 * (see trainInWorker).
 */
export function trainIntentModel(
  examples: readonly TrainingExample[],
  options: IntentTrainOptions = {},
  previous?: IntentModelSnapshot,
): IntentModel {
  return trainFrom(examples, options, previous ? (previousModel(previous) ?? undefined) : undefined);
}

/** `trainIntentModel` given the previous model in its lean form (as a training worker gets it). */
export function trainFrom(
  examples: readonly TrainingExample[],
  options: IntentTrainOptions = {},
  previous?: PreviousModel,
): IntentModel {
  const started = performance.now();
  let mark = started;
  const phase = (name: string): void => {
    const now = performance.now();
    report.phaseMs[name] = Math.round(now - mark);
    mark = now;
  };
  validateExamples(examples);
  const seed = options.seed ?? 1;
  const report: TrainingReport = {
    examples: 0,
    intents: 0,
    outOfScopeExamples: 0,
    generatedOffTopic: 0,
    duplicates: 0,
    conflicts: [],
    skippedEmpty: 0,
    singletons: [],
    heldOut: 0,
    trainMs: 0,
    phaseMs: {},
    seed,
    warnings: [],
  };
  const base = new Analyzer({ userDictionary: options.userDictionary, synonyms: options.synonyms });
  const clean = cleanExamples(examples, base, report);
  if (!clean.some((e) => e.intent !== OOS_INTENT)) {
    throw new NluError(
      'no_in_scope_intent',
      'the training set has no in-scope example (every usable example is "oos")',
    );
  }
  const words = wordCounts(clean.map((e) => e.analysis));
  const analyzer = base.withVocabulary(words);
  const own: Item[] = clean.map((e) => ({
    analysis: e.analysis,
    features: featureStrings(e.analysis, options.features),
    text: e.text,
    label: e.intent,
    weight: 1,
  }));
  phase('analysis');
  const generated = offTopicItems(clean, analyzer, options);
  phase('offTopic');
  const items = [...own, ...generated];
  const classes = [...new Set(items.map((i) => i.label))].sort();

  const perIntent = new Map<string, number>();
  for (const e of clean) perIntent.set(e.intent, (perIntent.get(e.intent) ?? 0) + 1);
  report.examples = clean.length;
  report.intents = classes.filter((c) => c !== OOS_INTENT).length;
  report.outOfScopeExamples = perIntent.get(OOS_INTENT) ?? 0;
  report.generatedOffTopic = generated.length;
  report.singletons = [...perIntent]
    .filter(([name, n]) => n === 1 && name !== OOS_INTENT)
    .map(([name]) => name);
  if (report.singletons.length > 0) {
    report.warnings.push(`${report.singletons.length} intent(s) have a single example; add more phrasings`);
  }

  const now = trainedOn(clean, options, 0);
  const kept = carriedCalibration(previous, now, classes);
  const { temperature, detector, heldOut, warm, predictions } =
    kept ?? calibration(items, classes, options, report);
  report.heldOut = heldOut;
  if (kept) report.calibrationKept = { changedExamples: kept.drift };
  phase('calibration');
  const fitted = fitLinear(items, classes, words, options, warm);
  phase('finalModel');
  const snapshot = snapshotOf(fitted, classes, items, options, temperature, detector, report);
  const model = new IntentModel({
    ...snapshot,
    ...(predictions ? { heldOut: predictions } : {}),
    trainedOn: { ...now, drift: kept?.drift ?? 0 },
  });
  phase('load');
  report.trainMs = Math.round(performance.now() - started);
  return model;
}
