import type { SparseVector } from './features.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

/** Multinomial logistic regression over hashed sparse features. `weights[id * classes + c]`. */
export interface SoftmaxWeights {
  bits: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
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
}

/** Raw class scores (logits). */
export function scores(model: SoftmaxWeights, x: SparseVector, out: Float64Array): Float64Array {
  const c = model.classes;
  for (let k = 0; k < c; k++) out[k] = model.bias[k]!;
  for (let i = 0; i < x.ids.length; i++) {
    const base = x.ids[i]! * c;
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
      const { x, y } = data[index]!;
      softmaxInPlace(scores(model, x, probs));
      const sampleWeight = options.classWeights[y] ?? 1;
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
