import { fitTemperature } from './calibration.ts';
import {
  defaultEpochs,
  type Fitted,
  fitLinear,
  snapshotOf,
  type WarmStart,
  warmFromPart,
  wordCounts,
} from './fit.ts';
import type { Item } from './items.ts';
import { type Evidence, type HeldOutPredictions, IntentModel, OOS_INTENT } from './model.ts';
import { DEFAULT_OOS_DETECTOR, fitOosDetector, type OosDetectorParams, type OosSample } from './oos.ts';
import type { TrainingReport } from './report.ts';
import { rivalsOf } from './softmax.ts';
import { holdoutMask, stratifiedFolds } from './split.ts';
import type { IntentTrainOptions } from './trainOptions.ts';
import { leaveIntentsOut, unknownIntentSamples } from './unknownIntents.ts';

/** What a model that never saw an item makes of it. */
interface HeldOutEvidence {
  item: Item;
  evidence: Evidence;
}

/** A model trained on part of the items, with its own vocabulary (so unseen words stay unseen). */
function partialModel(
  trainPart: readonly Item[],
  classes: string[],
  options: IntentTrainOptions,
  report: TrainingReport,
): { fitted: Fitted; model: IntentModel } {
  // Two thirds of the passes: this model only calibrates, the final one continues from it.
  const epochs = Math.ceil(((options.epochs ?? defaultEpochs(trainPart.length)) * 2) / 3);
  const fitted = fitLinear(trainPart, classes, wordCounts(trainPart.map((i) => i.analysis)), {
    ...options,
    epochs,
  });
  const snapshot = snapshotOf(fitted, classes, trainPart, options, 1, DEFAULT_OOS_DETECTOR, report);
  return { fitted, model: new IntentModel(snapshot) };
}

function evidenceOf(model: IntentModel, heldOut: readonly Item[]): HeldOutEvidence[] {
  const seen: HeldOutEvidence[] = [];
  for (const item of heldOut) {
    // Re-analysed with the partial model's analyzer: its typo vocabulary has not seen the held-out words.
    const evidence = model.evidence(model.analyzer.analyze(item.text));
    if (evidence) seen.push({ item, evidence });
  }
  return seen;
}

/** The temperature that makes held-out confidences honest, then the out-of-scope detector at that temperature. */
function calibrate(
  judge: IntentModel,
  seen: readonly HeldOutEvidence[],
  classes: string[],
  options: IntentTrainOptions,
): { temperature: number; detector: OosDetectorParams } {
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const temperature = fitTemperature(
    seen.map(({ item, evidence }) => ({ logits: evidence.logits, label: classIndex.get(item.label)! })),
  );
  const labelled = labelledOosWeight(seen, options.expectedOosShare ?? DEFAULT_EXPECTED_OOS_SHARE);
  const samples: OosSample[] = seen.map(({ item, evidence }) => {
    const { ranking, signals } = judge.judge(evidence, temperature);
    const ownOos = item.label === OOS_INTENT && item.weight === 1;
    return {
      signals,
      outOfScope: item.label === OOS_INTENT,
      correct: ranking[0]?.intent === item.label,
      weight: ownOos ? labelled : item.weight,
    };
  });
  return { temperature, detector: fitOosDetector(samples, { refusalCost: options.refusalCost }) };
}

/** Default of IntentTrainOptions.expectedOosShare (chosen by cross-validation on training data only). */
const DEFAULT_EXPECTED_OOS_SHARE = 0.03;

/**
 * Weight of each workspace-labelled out-of-scope sample when placing the threshold. Workspaces label few
 * such examples, far fewer than customers send: the cost is computed as if they made up at least
 * `expectedShare` of the traffic (generated off-topic text keeps its own small weight).
 */
function labelledOosWeight(seen: readonly HeldOutEvidence[], expectedShare: number): number {
  const labelled = seen.filter(({ item }) => item.label === OOS_INTENT && item.weight === 1).length;
  const inScope = seen.filter(({ item }) => item.label !== OOS_INTENT).length;
  if (labelled === 0 || inScope === 0) return 1;
  const share = Math.min(0.5, Math.max(0, expectedShare));
  const needed = (share / (1 - share)) * inScope;
  return Math.max(1, needed / labelled);
}

/** Up to this many examples, calibration uses k-fold predictions: a single small hold-out is too noisy. */
const SMALL_TRAINING_SET = 3000;
const CALIBRATION_FOLDS = 3;

export interface Calibration {
  temperature: number;
  detector: OosDetectorParams;
  heldOut: number;
  warm?: WarmStart;
  /** what models that never saw them made of some of the workspace's own examples (see HeldOutPredictions) */
  predictions?: HeldOutPredictions;
}

/** At most this many held-out predictions are kept with a model. */
const KEPT_PREDICTIONS = 1000;

/** The held-out in-scope predictions, evenly sampled, as calibrated rankings. */
function keptPredictions(
  judge: IntentModel,
  seen: readonly HeldOutEvidence[],
  temperature: number,
  options: IntentTrainOptions,
): HeldOutPredictions {
  const own = seen.filter(({ item }) => item.label !== OOS_INTENT && item.weight === 1);
  const step = Math.max(1, own.length / KEPT_PREDICTIONS);
  const kept: HeldOutPredictions = {
    decision: {
      answerAt: options.decision?.answerAt ?? 0.5,
      clarifyMargin: options.decision?.clarifyMargin ?? 0.3,
    },
    texts: [],
    labels: [],
    intents: [],
    probabilities: [],
  };
  for (let q = 0; q < own.length; q += step) {
    const { item, evidence } = own[Math.floor(q)] as HeldOutEvidence;
    const { ranking } = judge.judge(evidence, temperature);
    kept.texts.push(item.text);
    kept.labels.push(item.label);
    kept.intents.push(ranking.map((r) => r.intent));
    kept.probabilities.push(ranking.map((r) => r.confidence));
  }
  return kept;
}

/** Small sets: every item is predicted by a model trained on the other folds (items of one-example intents stay in). */
function calibrateByFolds(
  items: readonly Item[],
  classes: string[],
  options: IntentTrainOptions,
  report: TrainingReport,
) {
  const labels = items.map((i) => i.label);
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const fold = stratifiedFolds(labels, CALIBRATION_FOLDS, options.seed ?? 1);
  const seen: HeldOutEvidence[] = [];
  let judge: IntentModel | null = null;
  for (let f = 0; f < CALIBRATION_FOLDS; f++) {
    const isHeldOut = (i: number): boolean => fold[i] === f && (counts.get(labels[i]!) ?? 0) > 1;
    const heldOut = items.filter((_, i) => isHeldOut(i));
    if (heldOut.length === 0) continue;
    const { model } = partialModel(
      items.filter((_, i) => !isHeldOut(i)),
      classes,
      options,
      report,
    );
    judge ??= model;
    seen.push(...evidenceOf(model, heldOut));
  }
  return { judge, seen };
}

/** Large sets: one stratified hold-out, and the final model continues from the partial one. */
function calibrateByHoldout(
  items: readonly Item[],
  classes: string[],
  options: IntentTrainOptions,
  report: TrainingReport,
): { judge: IntentModel; seen: HeldOutEvidence[]; warm: WarmStart } {
  const mask = holdoutMask(
    items.map((i) => i.label),
    options.holdout ?? 0.2,
    options.seed ?? 1,
  );
  const { fitted, model } = partialModel(
    items.filter((_, i) => !mask[i]),
    classes,
    options,
    report,
  );
  const seen = evidenceOf(
    model,
    items.filter((_, i) => mask[i]),
  );
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const heldOutRivals = new Map(
    seen.map(({ item, evidence }) => [item, rivalsOf(evidence.logits, classIndex.get(item.label)!)]),
  );
  let next = 0;
  const rivals = items.map((item, i) => (mask[i] ? heldOutRivals.get(item) : fitted.linear.rivals[next++]));
  return { judge: model, seen, warm: warmFromPart(fitted, classes, rivals) };
}

/**
 * Fewer labelled out-of-scope examples than this (most workspaces label none): the detector learns from
 * intents left out of training instead (see unknownIntents.ts).
 */
const FEW_LABELLED_OOS = 30;

/** Default of IntentTrainOptions.unknownIntentShare (see train.ts and docs/bench-nlu.md). */
export const DEFAULT_UNKNOWN_INTENT_SHARE = 0.2;

/** The detector fitted on left-out intents, or null when the workspace has too few intents. */
function unknownIntentDetector(
  items: readonly Item[],
  classes: string[],
  options: IntentTrainOptions,
  report: TrainingReport,
  temperature: number,
): OosDetectorParams | null {
  const share = options.unknownIntentShare ?? DEFAULT_UNKNOWN_INTENT_SHARE;
  if (share <= 0) return null;
  const found = leaveIntentsOut(items, (part) => partialModel(part, classes, options, report).model, {
    share,
    seed: options.seed ?? 1,
  });
  if (found === null) return null;
  const samples = unknownIntentSamples(found, temperature);
  return fitOosDetector(samples, { refusalCost: options.refusalCost });
}

export function calibration(
  items: readonly Item[],
  classes: string[],
  options: IntentTrainOptions,
  report: TrainingReport,
): Calibration {
  const byHoldout = items.length > SMALL_TRAINING_SET && (options.holdout ?? 0.2) > 0;
  const { judge, seen, warm } = byHoldout
    ? calibrateByHoldout(items, classes, options, report)
    : { ...calibrateByFolds(items, classes, options, report), warm: undefined };
  if (!judge || seen.filter((s) => s.item.label !== OOS_INTENT).length < 5 || options.holdout === 0) {
    report.warnings.push('too few examples to hold some out: confidence is not calibrated');
    return { temperature: 1, detector: DEFAULT_OOS_DETECTOR, heldOut: 0, warm };
  }
  const calibrated = calibrate(judge, seen, classes, options);
  const predictions = keptPredictions(judge, seen, calibrated.temperature, options);
  const labelledOos = items.filter((i) => i.label === OOS_INTENT && i.weight === 1).length;
  if (labelledOos < FEW_LABELLED_OOS) {
    const detector = unknownIntentDetector(items, classes, options, report, calibrated.temperature);
    if (detector !== null) return { ...calibrated, detector, heldOut: seen.length, warm, predictions };
  }
  return { ...calibrated, heldOut: seen.length, warm, predictions };
}
