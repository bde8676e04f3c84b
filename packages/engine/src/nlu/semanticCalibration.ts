import type { HeldOutPredictions } from './model.ts';
import { productRanking, similarityProbabilities } from './semanticProduct.ts';
import { bestPerKey, type Packed } from './semanticVectors.ts';

/**
 * How far a workspace's embeddings can be trusted, measured on its own phrasings alone (no out-of-scope
 * examples, no test data): each phrasing in turn is left out and looked up among the others.
 */
export interface SemanticCalibration {
  /** divides cosine similarities (×SCALE) before the softmax: fitted so that the probabilities are honest */
  temperature: number;
  /** closest-phrasing similarity below which a question reads as out of scope whatever the classifier says */
  outOfScopeBelow: number;
  /** closest-phrasing similarity from which a question reads as in scope even when the classifier says not */
  inScopeFrom: number;
  /** share of left-out phrasings whose nearest other phrasing teaches the same key */
  accuracy: number;
  /**
   * exponent of the embeddings' probabilities in the product with the classifier's: 0 (ignored) when they found
   * the right key for under 40% of the left-out phrasings, 1 from 70% (a weak, lexical-only embedding mostly
   * repeats what the classifier already saw)
   */
  exponent: number;
  /** how many phrasings were looked up */
  samples: number;
  /**
   * the classifier's held-out examples the exponent was chosen on, and how often its best intent was right
   * alone and with the embeddings (null: none known, the exponent then follows `accuracy`)
   */
  heldOut: { samples: number; classifierAccuracy: number; fusedAccuracy: number } | null;
}
/** Cosines are small numbers close together: scaled before the temperature is fitted (its search range). */
export const SCALE = 20;
/** How many times likelier an untaught question must be than a taught one where the embeddings decide scope. */
const LIKELIER = 6;
/** Share of the workspace's own left-out phrasings that must reach `inScopeFrom` for rescues to happen at all. */
const RESCUE_SHARE = 0.5;
/** Rescues start no lower than this quantile of the workspace's own left-out phrasings' similarity. */
const RESCUE_FLOOR = 0.25;
/** Nearest-phrasing accuracy from which the embeddings count (below: ignored) and count fully. */
const IGNORED_BELOW = 0.4;
const FULL_FROM = 0.7;
/** Share of questions about untaught intents allowed above `inScopeFrom`. */
const UNTAUGHT_ABOVE = 0.02;
/** Share of the workspace's own left-out phrasings allowed below `outOfScopeBelow`. */
const OWN_BELOW = 0.02;
/** Phrasings looked up for the calibration (evenly spread): the cost is this × phrasings × dimensions. */
const MAX_CALIBRATION_LOOKUPS = 1500;
/** The longest stretch of work between two pauses of an asynchronous build (keeps the event loop free). */
export const SLICE_MS = 8;
/** Fewer left-out phrasings than this: the embeddings never decide whether a question is in scope. */
const MIN_FOR_SCOPE = 50;

/** Used when there are too few phrasings to measure anything: the embeddings then only rank, never veto. */
export const UNCALIBRATED: SemanticCalibration = {
  temperature: 1,
  exponent: 0,
  outOfScopeBelow: -1,
  inScopeFrom: 2,
  accuracy: 0,
  samples: 0,
  heldOut: null,
};
/** What a wrong answer costs against a right one when the exponent is chosen (a person may have to undo it). */
const WRONG_ANSWER_COST = 3;
/** Exponents tried on the held-out predictions. */
const EXPONENTS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];
/** Fewer held-out predictions than this: the exponent follows the nearest-phrasing accuracy instead. */
const MIN_HELD_OUT = 30;

/** index of the first value ≥ v in an ascending list */
function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

/**
 * Leave-one-out over the phrasings (a generator: it yields between chunks of lookups). For each left-out
 * phrasing: the closest other phrasing per key. Its own key's value and the best overall say how a taught
 * question looks (accuracy, temperature, the low end of in-scope similarity); the best of the other keys says
 * how a question about an untaught intent looks (its own intent left out of the knowledge base) — the
 * realistic kind of out-of-scope question, found without any out-of-scope example. Where the classifier's own
 * held-out predictions are known (`heldOut`), the embeddings' weight is the one that would have made those
 * predictions most often right.
 */
export function* calibration(
  parts: Packed,
  heldOut?: HeldOutPredictions,
  sliceMs = SLICE_MS,
): Generator<void, SemanticCalibration> {
  const { rows, owner, keys, dims } = parts;
  const perKey = new Int32Array(keys.length);
  for (const k of owner) perKey[k] = (perKey[k] as number) + 1;
  const lookups = new Set<number>();
  const step = Math.max(1, owner.length / MAX_CALIBRATION_LOOKUPS);
  for (let q = 0; q < owner.length; q += step) lookups.add(Math.floor(q));
  // the classifier's held-out examples that are phrasings here (by text)
  const held = new Map<number, number>();
  heldOut?.texts.forEach((text, h) => {
    const row = parts.rowOfText.get(text);
    if (row !== undefined && held.size < MAX_CALIBRATION_LOOKUPS) {
      held.set(row, h);
      lookups.add(row);
    }
  });
  const taughtTops: number[] = [];
  const untaughtTops: number[] = [];
  const forTemperature: Array<{ logits: Float64Array; label: number }> = [];
  const heldBest: Array<{ h: number; best: Float64Array }> = [];
  let right = 0;
  let slice = performance.now();
  for (const i of lookups) {
    const own = owner[i] as number;
    const best = bestPerKey(rows, owner, keys.length, dims, rows, i * dims, i);
    const h = held.get(i);
    if (h !== undefined) heldBest.push({ h, best });
    let top = -1;
    let predicted = -1;
    let other = -1;
    for (let k = 0; k < best.length; k++) {
      const v = best[k] as number;
      if (v > top) {
        top = v;
        predicted = k;
      }
      if (k !== own && v > other) other = v;
    }
    if (keys.length > 1) untaughtTops.push(other);
    if ((perKey[own] as number) > 1) {
      taughtTops.push(top);
      if (predicted === own) right++;
      const logits = new Float64Array(best.length);
      for (let k = 0; k < best.length; k++) logits[k] = (best[k] as number) * SCALE;
      forTemperature.push({ logits, label: own });
    }
    if (performance.now() - slice > sliceMs) {
      yield;
      slice = performance.now();
    }
  }
  if (taughtTops.length < 10 || untaughtTops.length < 10) return { ...UNCALIBRATED };
  const accuracy = right / taughtTops.length;
  taughtTops.sort((a, b) => a - b);
  untaughtTops.sort((a, b) => a - b);
  // (smoothed shares: a handful of phrasings proves nothing either way)
  const below = (sorted: readonly number[], v: number) => (lowerBound(sorted, v) + 1) / (sorted.length + 1);
  const temperature = yield* fitTemperatureSliced(forTemperature, sliceMs);
  const weighed =
    heldOut && heldBest.length >= MIN_HELD_OUT
      ? yield* chooseExponent(parts, heldOut, heldBest, temperature, sliceMs)
      : null;
  const exponent =
    weighed?.exponent ?? Math.min(1, Math.max(0, (accuracy - IGNORED_BELOW) / (FULL_FROM - IGNORED_BELOW)));
  // embeddings that do not count for intents do not decide scope either, nor do too few phrasings
  const decidesScope = exponent > 0 && taughtTops.length >= MIN_FOR_SCOPE;
  // a veto only where an untaught question is several times likelier than a taught one (a weak embedding
  // separates them poorly and vetoes nothing)
  const low = quantile(taughtTops, OWN_BELOW);
  const outOfScopeBelow =
    decidesScope && below(untaughtTops, low) >= LIKELIER * below(taughtTops, low) ? low : -1;
  // a rescue only from where untaught questions hardly reach and taught ones often do
  // (and never below a quarter of the taught ones: the untaught here are whole intents left out, and real
  // off-topic questions can come closer)
  const high = Math.max(quantile(untaughtTops, 1 - UNTAUGHT_ABOVE), quantile(taughtTops, RESCUE_FLOOR));
  const inScopeFrom = decidesScope && 1 - below(taughtTops, high) >= RESCUE_SHARE ? high : 2;
  return {
    temperature,
    exponent,
    outOfScopeBelow,
    inScopeFrom,
    accuracy,
    samples: taughtTops.length,
    heldOut: weighed
      ? { samples: heldBest.length, classifierAccuracy: weighed.classifier, fusedAccuracy: weighed.fused }
      : null,
  };
}

/**
 * The exponent (of EXPONENTS) with which the classifier's held-out examples would have been decided best: a
 * prediction answers when it clears the model's answer thresholds (else it asks or declines), a right answer
 * counts 1 and a wrong one costs WRONG_ANSWER_COST — the bot's own trade-off, not only top-1 accuracy (a
 * product of two experts is surer than either, and surer answers are only worth it when they are right).
 * Equal utilities: the smaller exponent.
 */
function* chooseExponent(
  parts: Packed,
  heldOut: HeldOutPredictions,
  heldBest: ReadonlyArray<{ h: number; best: Float64Array }>,
  temperature: number,
  sliceMs: number,
): Generator<void, { exponent: number; classifier: number; fused: number }> {
  const lookup = {
    keys: parts.keys,
    indexOf: (key: string) => parts.keyIndex.get(key) ?? -1,
    keyAt: (k: number) => parts.keys[k] as string,
  };
  const { answerAt, clarifyMargin } = heldOut.decision;
  const probabilities = heldBest.map(({ best }) => similarityProbabilities(best, SCALE, temperature));
  const scored: Array<{ exponent: number; accuracy: number; utility: number }> = [];
  let slice = performance.now();
  for (const exponent of EXPONENTS) {
    let right = 0;
    let utility = 0;
    for (const [j, { h }] of heldBest.entries()) {
      const ranking = (heldOut.intents[h] ?? []).map((intent, r) => ({
        intent,
        confidence: heldOut.probabilities[h]?.[r] ?? 0,
      }));
      const fused = productRanking(ranking, probabilities[j] as Float64Array, lookup, exponent);
      const [top, second] = fused;
      const isRight = top?.intent === heldOut.labels[h];
      if (isRight) right++;
      const answers =
        top !== undefined &&
        top.confidence >= answerAt &&
        top.confidence - (second?.confidence ?? 0) >= clarifyMargin;
      if (answers) utility += isRight ? 1 : -WRONG_ANSWER_COST;
      if (performance.now() - slice > sliceMs) {
        yield;
        slice = performance.now();
      }
    }
    scored.push({ exponent, accuracy: right / heldBest.length, utility });
  }
  const alone = scored[0] as (typeof scored)[number];
  const best = scored.reduce((a, b) => (b.utility > a.utility ? b : a), alone);
  return { exponent: best.exponent, classifier: alone.accuracy, fused: best.accuracy };
}

/** Mean negative log-likelihood of the held-out labels at a temperature, pausing now and then. */
function* negativeLogLikelihood(
  samples: ReadonlyArray<{ logits: Float64Array; label: number }>,
  temperature: number,
  sliceMs: number,
): Generator<void, number> {
  let total = 0;
  let slice = performance.now();
  for (const { logits, label } of samples) {
    let max = Number.NEGATIVE_INFINITY;
    for (const v of logits) if (v > max) max = v;
    let sum = 0;
    for (const v of logits) sum += Math.exp((v - max) / temperature);
    total -= ((logits[label] as number) - max) / temperature - Math.log(sum);
    if (performance.now() - slice > sliceMs) {
      yield;
      slice = performance.now();
    }
  }
  return total / Math.max(1, samples.length);
}

/**
 * Temperature scaling as `fitTemperature` (golden-section search of the held-out log-likelihood between 0.05
 * and 20), in slices: with thousands of keys one pass over the lookups takes a while.
 */
function* fitTemperatureSliced(
  samples: ReadonlyArray<{ logits: Float64Array; label: number }>,
  sliceMs: number,
): Generator<void, number> {
  if (samples.length < 5) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = yield* negativeLogLikelihood(samples, Math.exp(a), sliceMs);
  let fb = yield* negativeLogLikelihood(samples, Math.exp(b), sliceMs);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = yield* negativeLogLikelihood(samples, Math.exp(a), sliceMs);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = yield* negativeLogLikelihood(samples, Math.exp(b), sliceMs);
    }
  }
  return Math.exp((lo + hi) / 2);
}
