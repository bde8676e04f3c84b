import { carryWeights, type WarmStart } from './fit.ts';
import type { HeldOutPredictions, IntentModelSnapshot, TrainedOn } from './model.ts';
import type { OosDetectorParams } from './oos.ts';
import { type IntentTrainOptions, plainTrainOptions } from './trainOptions.ts';

/**
 * Retraining after a small change. Calibration (the confidence temperature and the out-of-scope detector,
 * measured with models that never saw part of the examples) costs about three quarters of a training: six
 * partial models for a workspace of a few thousand examples. A change of a few entries moves neither
 * measurably, so a retraining whose examples differ little from the previous model's keeps that model's
 * calibration, and its final model starts from the previous weights (a third of the passes). The changes
 * add up: once the examples have drifted from those last calibrated on by more than MAX_DRIFT, or the
 * training options changed, the retraining measures calibration again. `npm run bench:retrain` compares both
 * on the demo workspace's questions.
 */
export const MAX_DRIFT = 0.1;

/** The fewest passes of a retraining whose examples name an intent the previous model did not know. */
const NEW_INTENT_PASSES = 8;

/** The calibration a retraining keeps, and where its final model starts. */
export interface CarriedCalibration {
  temperature: number;
  detector: OosDetectorParams;
  heldOut: number;
  predictions?: HeldOutPredictions;
  warm: WarmStart;
  drift: number;
}

/** FNV-1a over the example's intent and text. */
function digest(intent: string, text: string): number {
  let hash = 0x811c9dc5;
  const value = `${intent}\u0000${text}`;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export function trainedOn(
  examples: readonly { intent: string; text: string }[],
  options: IntentTrainOptions,
  drift: number,
): TrainedOn {
  const digests = Int32Array.from(new Set(examples.map((e) => digest(e.intent, e.text)))).sort();
  return { options: JSON.stringify(plainTrainOptions(options)), digests, drift };
}

/** Whether the sorted digest list holds the digest. */
function has(digests: Int32Array, value: number): boolean {
  let low = 0;
  let high = digests.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = digests[mid]!;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Examples in one sorted digest list and not the other. */
function changed(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (a[i]! < b[j]!) {
      i++;
      count++;
    } else {
      j++;
      count++;
    }
  }
  return count + (a.length - i) + (b.length - j);
}

/**
 * What a retraining needs of the model it replaces: lean, since it is copied to the training worker by the
 * thread that answers customers (the vocabulary and the held-out predictions as one string each copy in a
 * fraction of the time of thirty thousand strings and a thousand small arrays).
 */
export interface PreviousModel {
  /** the vocabulary, joined by NUL */
  features: string;
  classes: string[];
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
  detector: OosDetectorParams;
  heldOut: number;
  /** the held-out predictions behind that calibration (HeldOutPredictions as JSON) */
  predictions?: string;
  trainedOn: TrainedOn;
}

/** The lean form of a model for its retraining; null when it cannot lend its calibration (older or uncalibrated). */
export function previousModel(snapshot: IntentModelSnapshot): PreviousModel | null {
  if (!snapshot.trainedOn || snapshot.report.heldOut === 0) return null;
  return {
    features: snapshot.vectorizer.features.join('\u0000'),
    classes: snapshot.classes,
    weights: snapshot.weights,
    bias: snapshot.bias,
    temperature: snapshot.temperature,
    detector: snapshot.detector,
    heldOut: snapshot.report.heldOut,
    ...(snapshot.heldOut ? { predictions: JSON.stringify(snapshot.heldOut) } : {}),
    trainedOn: snapshot.trainedOn,
  };
}

/**
 * The previous model's calibration, when this retraining may keep it: the previous model was calibrated, on
 * the same options, and the examples changed little since calibration was last measured. Null otherwise.
 */
export function carriedCalibration(
  previous: PreviousModel | undefined,
  now: TrainedOn,
  classes: readonly string[],
): CarriedCalibration | null {
  const before = previous?.trainedOn;
  if (!previous || !before || before.options !== now.options) return null;
  const drift = before.drift + changed(before.digests, now.digests);
  if (drift > MAX_DRIFT * now.digests.length) return null;
  const features = previous.features === '' ? [] : previous.features.split('\u0000');
  const predictions =
    previous.predictions && keptFor(JSON.parse(previous.predictions) as HeldOutPredictions, now.digests);
  const newClass = classes.some((c) => !previous.classes.includes(c));
  return {
    temperature: previous.temperature,
    detector: previous.detector,
    heldOut: previous.heldOut,
    ...(predictions ? { predictions } : {}),
    warm: {
      initial: (to, classes) =>
        carryWeights(
          { features, classes: previous.classes, weights: previous.weights, bias: previous.bias },
          to,
          classes,
        ),
      // an intent new to the previous weights starts from zero: a large workspace's third of the passes (4)
      // would leave it under-confident
      ...(newClass ? { minPasses: NEW_INTENT_PASSES } : {}),
    },
    drift,
  };
}

/**
 * The held-out predictions of examples still trained on, with the same intent: those of a removed intent, a
 * removed phrasing or a phrasing moved to another intent are dropped (the last would be judged against the
 * wrong intent).
 */
function keptFor(predictions: HeldOutPredictions, digests: Int32Array): HeldOutPredictions | undefined {
  const keep = predictions.labels.flatMap((label, i) =>
    has(digests, digest(label, predictions.texts[i] ?? '')) ? [i] : [],
  );
  if (keep.length === 0) return undefined;
  return {
    decision: predictions.decision,
    texts: keep.map((i) => predictions.texts[i]!),
    labels: keep.map((i) => predictions.labels[i]!),
    intents: keep.map((i) => predictions.intents[i]!),
    probabilities: keep.map((i) => predictions.probabilities[i]!),
  };
}
