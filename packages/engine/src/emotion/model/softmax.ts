import type { SparseVector } from './features.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

/**
 * Multinomial logistic regression over hashed sparse features. Dense: `weights[id * classes + c]`; compact
 * (after `compactWeights`): `weights[row * classes + c]` with `index` mapping a feature id to its row.
 */
export interface SoftmaxWeights {
  bits: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
  index?: FeatureIndex;
}

/** Open-addressing table from feature id to row: `keys` hold id + 1 (0 = empty). */
export interface FeatureIndex {
  keys: Uint32Array;
  rows: Int32Array;
  mask: number;
}

const slotOf = (id: number, mask: number) => (Math.imul(id, 0x9e3779b1) >>> 0) & mask;

/** The row of a feature id in a compact model, or -1 when the model has no weights for it. */
export function rowOf(index: FeatureIndex, id: number): number {
  const key = id + 1;
  for (let slot = slotOf(id, index.mask); ; slot = (slot + 1) & index.mask) {
    const k = index.keys[slot]!;
    if (k === key) return index.rows[slot]!;
    if (k === 0) return -1;
  }
}

/** Builds a compact model from feature ids (ascending) and their rows of weights. */
export function compactFromRows(
  bits: number,
  classes: number,
  ids: Uint32Array,
  weights: Float32Array,
  bias: Float32Array,
): SoftmaxWeights {
  let size = 1;
  while (size < ids.length * 2) size *= 2;
  const index: FeatureIndex = { keys: new Uint32Array(size), rows: new Int32Array(size), mask: size - 1 };
  ids.forEach((id, row) => {
    let slot = slotOf(id, index.mask);
    while (index.keys[slot] !== 0) slot = (slot + 1) & index.mask;
    index.keys[slot] = id + 1;
    index.rows[slot] = row;
  });
  return { bits, classes, weights, bias, index };
}

/** Keeps only the features with a non-zero weight, so a trained model takes memory for what it learned. */
export function compactWeights(model: SoftmaxWeights): SoftmaxWeights {
  if (model.index) return model;
  const c = model.classes;
  const ids: number[] = [];
  const features = model.weights.length / c;
  for (let id = 0; id < features; id++) {
    for (let k = 0; k < c; k++) {
      if (model.weights[id * c + k] !== 0) {
        ids.push(id);
        break;
      }
    }
  }
  const weights = new Float32Array(ids.length * c);
  ids.forEach((id, row) => {
    weights.set(model.weights.subarray(id * c, id * c + c), row * c);
  });
  return compactFromRows(model.bits, c, Uint32Array.from(ids), weights, model.bias);
}

export interface SoftmaxTrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Per-class loss weights, e.g. to balance rare classes. */
  classWeights: readonly number[];
  seed: number;
}

export interface LabelledVector {
  x: SparseVector;
  y: number;
  /** Sample weight (default 1), e.g. 1/n for each label of a row with n labels. */
  w?: number;
}

/** Raw class scores (logits). */
export function scores(model: SoftmaxWeights, x: SparseVector, out: Float64Array): Float64Array {
  const c = model.classes;
  for (let k = 0; k < c; k++) out[k] = model.bias[k]!;
  const index = model.index;
  for (let i = 0; i < x.ids.length; i++) {
    const row = index ? rowOf(index, x.ids[i]!) : x.ids[i]!;
    if (row < 0) continue;
    const base = row * c;
    const v = x.values[i]!;
    for (let k = 0; k < c; k++) out[k]! += model.weights[base + k]! * v;
  }
  return out;
}

export function softmaxInPlace(values: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    values[k] = Math.exp(values[k]! - max);
    sum += values[k]!;
  }
  for (let k = 0; k < values.length; k++) values[k]! /= sum;
  return values;
}

/** Trains with AdaGrad SGD; L2 is applied to the weights a sample touches (lazy, as sparse SGD does). */
export function trainSoftmax(
  data: readonly LabelledVector[],
  classes: number,
  bits: number,
  options: SoftmaxTrainOptions,
): SoftmaxWeights {
  const size = (1 << bits) * classes;
  const model: SoftmaxWeights = {
    bits,
    classes,
    weights: new Float32Array(size),
    bias: new Float32Array(classes),
  };
  const gradSq = new Float32Array(size);
  const biasSq = new Float32Array(classes);
  const order = data.map((_, i) => i);
  const random = seededRandom(options.seed);
  const probs = new Float64Array(classes);
  const eps = 1e-8;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const { x, y, w = 1 } = data[index]!;
      softmaxInPlace(scores(model, x, probs));
      const sampleWeight = (options.classWeights[y] ?? 1) * w;
      for (let k = 0; k < classes; k++) {
        const g = (probs[k]! - (k === y ? 1 : 0)) * sampleWeight;
        biasSq[k]! += g * g;
        model.bias[k]! -= (options.learningRate * g) / Math.sqrt(biasSq[k]! + eps);
        for (let i = 0; i < x.ids.length; i++) {
          const at = x.ids[i]! * classes + k;
          const w = model.weights[at]!;
          const gw = g * x.values[i]! + options.l2 * w;
          gradSq[at]! += gw * gw;
          model.weights[at] = w - (options.learningRate * gw) / Math.sqrt(gradSq[at]! + eps);
        }
      }
    }
  }
  return model;
}
