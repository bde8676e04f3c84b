import { seededRandom, shuffle } from './random.ts';
import type { SparseVector } from './sparse.ts';

/** Multinomial logistic regression weights, feature-major: weights[f * classes + c]. */
export interface LinearModel {
  features: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface SoftmaxTrainOptions {
  epochs?: number;
  /** initial step size */
  learningRate?: number;
  /** L2 penalty per example */
  l2?: number;
  seed?: number;
  /** weight of each training example (default 1) */
  sampleWeights?: Float32Array;
  /** with many classes, every this many epochs is a pass over all classes that also refreshes the rivals (default 4) */
  fullPassEvery?: number;
  /** weights to start from (same features and classes), e.g. a model trained on part of the data */
  initial?: LinearModel;
  /** each example's rivals when already known (from an earlier model): spares the first full pass */
  rivals?: readonly (Int32Array | undefined)[];
}

/** How many classes a pass over all classes keeps as an example's rivals for the following cheap epochs. */
const RIVALS = 16;
/**
 * Random other classes added to the rivals at every cheap step, so that no class escapes being pushed
 * down on examples that are not its own (without them, classes outside every rival list drift upwards).
 */
const RANDOM_RIVALS = 8;

/** The example's rivals plus RANDOM_RIVALS distinct other classes, written into scratch. */
function withRandomRivals(
  rivals: Int32Array,
  scratch: Int32Array,
  marks: Uint8Array,
  random: () => number,
): Int32Array {
  scratch.set(rivals);
  for (const c of rivals) marks[c] = 1;
  let n = rivals.length;
  while (n < rivals.length + RANDOM_RIVALS) {
    const c = Math.floor(random() * marks.length);
    if (marks[c]) continue;
    marks[c] = 1;
    scratch[n++] = c;
  }
  for (let a = 0; a < n; a++) marks[scratch[a]!] = 0;
  return scratch;
}

/** A trained model and, with many classes, each example's rivals at the end (to continue training cheaply). */
export interface TrainedSoftmax extends LinearModel {
  rivals: Int32Array[];
}

/**
 * The classes an example is most confused with (by score), always including its own class: the RIVALS best,
 * highest first, a tie going to the lower class (as a stable sort of all classes would give them), kept by
 * insertion instead of sorting every class (this runs for every example at every refresh of the rivals).
 * Scores are finite (a NaN would stop later classes from entering; the sort gave no defined order for it either).
 */
export function rivalsOf(scores: ArrayLike<number>, label: number): Int32Array {
  const size = Math.min(RIVALS, scores.length);
  const list = new Int32Array(size);
  const best = new Float64Array(size);
  let n = 0;
  for (let c = 0; c < scores.length; c++) {
    const score = scores[c]!;
    if (n === size && !(score > best[size - 1]!)) continue;
    // after every class scoring at least as much: the earlier class keeps its place on a tie
    let at = n === size ? size - 1 : n;
    while (at > 0 && best[at - 1]! < score) {
      best[at] = best[at - 1]!;
      list[at] = list[at - 1]!;
      at--;
    }
    best[at] = score;
    list[at] = c;
    if (n < size) n++;
  }
  if (!list.includes(label)) list[size - 1] = label;
  return list;
}

/** Class logits of x into out (length = classes). */
export function logits(model: LinearModel, x: SparseVector, out: Float64Array): void {
  const { classes, weights, bias } = model;
  for (let c = 0; c < classes; c++) out[c] = bias[c]!;
  for (let k = 0; k < x.indices.length; k++) {
    const base = x.indices[k]! * classes;
    const v = x.values[k]!;
    for (let c = 0; c < classes; c++) out[c]! += v * weights[base + c]!;
  }
}

/** In-place softmax of the first `length` values, divided by a temperature. */
export function softmax(values: Float64Array, temperature = 1, length = values.length): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < length; c++) if (values[c]! > max) max = values[c]!;
  let sum = 0;
  for (let c = 0; c < length; c++) {
    const e = Math.exp((values[c]! - max) / temperature);
    values[c] = e;
    sum += e;
  }
  for (let c = 0; c < length; c++) values[c]! /= sum;
}

/** Re-ranks every example's rivals with the current weights (a forward pass over all classes). */
function refreshRivals(
  data: readonly SparseVector[],
  labels: Int32Array,
  model: LinearModel,
  scale: number,
  rivals: Int32Array[],
): void {
  const scores = new Float64Array(model.classes);
  data.forEach((x, i) => {
    logits(model, x, scores);
    // logits() adds the bias to unscaled weights; rank on scaled weights plus bias.
    for (let c = 0; c < model.classes; c++) {
      scores[c] = (scores[c]! - model.bias[c]!) * scale + model.bias[c]!;
    }
    rivals[i] = rivalsOf(scores, labels[i]!);
  });
}

/**
 * Trains by stochastic gradient descent with L2 regularisation (Bottou's scaled-weight trick, so each
 * step only touches the example's features). With many classes most have a vanishing gradient for a given
 * example, so between full passes an example is scored only against its current rivals (the classes
 * it was most confused with), which makes training several times faster at no measurable loss.
 * The example order comes from a seeded shuffle: same data and seed, same model.
 */
export function trainSoftmax(
  data: readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  features: number,
  options: SoftmaxTrainOptions = {},
): TrainedSoftmax {
  const epochs = options.epochs ?? 12;
  const eta0 = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-5;
  const random = seededRandom(options.seed ?? 1);
  const weights = options.initial ? options.initial.weights.slice() : new Float32Array(features * classes);
  const bias = options.initial ? options.initial.bias.slice() : new Float32Array(classes);
  if (weights.length !== features * classes || bias.length !== classes) {
    throw new RangeError('initial weights do not match the features and classes');
  }
  const scores = new Float64Array(classes);
  const order = Array.from(data.keys());
  const sparse = classes > (RIVALS + RANDOM_RIVALS) * 2;
  const known = options.rivals;
  const rivals: Int32Array[] = sparse ? data.map((_, i) => known?.[i] ?? new Int32Array(0)) : [];
  const fullPassEvery = options.fullPassEvery ?? 4;
  const scratch = new Int32Array(RIVALS + RANDOM_RIVALS);
  const gradClasses = new Int32Array(classes);
  const gradValues = new Float64Array(classes);
  const marks = new Uint8Array(classes);
  const all = Int32Array.from({ length: classes }, (_, c) => c);
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const x = data[i]!;
      const y = labels[i]!;
      const full = !sparse || (epoch % fullPassEvery === 0 && (epoch > 0 || known?.[i] === undefined));
      const active = full ? all : withRandomRivals(rivals[i]!, scratch, marks, random);
      const n = full ? classes : rivals[i]!.length + RANDOM_RIVALS;
      const eta = eta0 / (1 + eta0 * l2 * t);
      t++;
      for (let a = 0; a < n; a++) scores[a] = 0;
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * classes;
        const v = x.values[k]!;
        if (full) for (let c = 0; c < classes; c++) scores[c]! += v * weights[base + c]!;
        else for (let a = 0; a < n; a++) scores[a]! += v * weights[base + active[a]!]!;
      }
      for (let a = 0; a < n; a++) scores[a] = scores[a]! * scale + bias[active[a]!]!;
      softmax(scores, 1, n);
      const weight = options.sampleWeights?.[i] ?? 1;
      scale *= 1 - eta * l2;
      if (scale < 1e-6) {
        for (let j = 0; j < weights.length; j++) weights[j]! *= scale;
        scale = 1;
      }
      const step = (eta * weight) / scale;
      // Gather the classes with a gradient worth applying, then update feature by feature: the weights of
      // one feature are contiguous, so this walks memory in order instead of striding across it.
      let m = 0;
      for (let a = 0; a < n; a++) {
        const c = active[a]!;
        const g = scores[a]! - (c === y ? 1 : 0);
        if (g > -1e-4 && g < 1e-4) continue;
        bias[c]! -= eta * weight * g;
        gradClasses[m] = c;
        gradValues[m] = g;
        m++;
      }
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * classes;
        const v = step * x.values[k]!;
        for (let j = 0; j < m; j++) weights[base + gradClasses[j]!]! -= v * gradValues[j]!;
      }
    }
    // Rivals are taken after a pass over all classes, not during it: early in the pass the weights are
    // still near zero and would rank the classes arbitrarily.
    if (sparse && epoch + 1 < epochs && epoch % fullPassEvery === 0 && known === undefined) {
      refreshRivals(data, labels, { features, classes, weights, bias }, scale, rivals);
    }
  }
  if (scale !== 1) for (let j = 0; j < weights.length; j++) weights[j]! *= scale;
  return { features, classes, weights, bias, rivals };
}
