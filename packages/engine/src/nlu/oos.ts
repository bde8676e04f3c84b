/**
 * The evidence that a message is out of scope. No single number is trusted: a confident softmax is
 * often confidently wrong on text unlike anything in training.
 */
export interface OosSignals {
  /** calibrated probability of the best in-scope intent */
  top: number;
  /** its lead over the second-best in-scope intent */
  margin: number;
  /** calibrated probability of the explicit out-of-scope class */
  oos: number;
  /** share of the message's words never seen in training */
  unknown: number;
  /** 0..1 lexical similarity to the closest training example */
  similarity: number;
}

export interface OosDetectorParams {
  /** logistic weights for [logit(top), margin, oos, unknown, similarity] and the bias last */
  weights: number[];
  /** combined score at or above which the engine says it does not know */
  threshold: number;
}

export interface OosSample {
  signals: OosSignals;
  outOfScope: boolean;
  /** for in-scope samples: whether the classifier's best intent was right */
  correct: boolean;
  /** how much the sample counts (generated examples count less than the workspace's own; default 1) */
  weight?: number;
}

export interface OosFitOptions {
  /**
   * Cost of saying "I don't know" to a question the bot could have answered, relative to a wrong
   * answer (cost 1). Refusing is cheaper than a wrong answer (a person takes over) but not free
   * (default 1: refusing is only worth it when the message is likely out of scope; doubt between intents is
   * better served by asking).
   */
  refusalCost?: number;
}

/** Used when held-out data is too thin to fit on: weights of the right sign and plausible size. */
export const DEFAULT_OOS_DETECTOR: OosDetectorParams = {
  weights: [-1.2, -2, 3, 2.5, -4, 1.5],
  threshold: 0.5,
};

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

function features(s: OosSignals): number[] {
  return [logit(s.top), s.margin, s.oos, s.unknown, s.similarity, 1];
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** 0..1: how strongly the signals say "not ours". */
export function oosScore(params: OosDetectorParams, signals: OosSignals): number {
  const x = features(signals);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (params.weights[i] ?? 0) * x[i]!;
  return sigmoid(z);
}

/**
 * Fits the combination on held-out messages (logistic regression, both classes weighted equally), then
 * places the threshold where the held-out cost of wrong answers and needless refusals is lowest.
 */
export function fitOosDetector(
  samples: readonly OosSample[],
  options: OosFitOptions = {},
): OosDetectorParams {
  const positives = samples.filter((s) => s.outOfScope).length;
  const negatives = samples.length - positives;
  if (positives < 3 || negatives < 3) return DEFAULT_OOS_DETECTOR;
  const xs = samples.map((s) => features(s.signals));
  const ys = samples.map((s) => (s.outOfScope ? 1 : 0));
  const sampleWeight = samples.map((s) => (s.outOfScope ? 0.5 / positives : 0.5 / negatives));
  const w = [...DEFAULT_OOS_DETECTOR.weights];
  const l2 = 1e-3;
  for (let iteration = 0; iteration < 400; iteration++) {
    const grad = w.map((wi, i) => (i < w.length - 1 ? l2 * wi : 0));
    for (let n = 0; n < xs.length; n++) {
      const x = xs[n]!;
      let z = 0;
      for (let i = 0; i < x.length; i++) z += w[i]! * x[i]!;
      const g = (sigmoid(z) - ys[n]!) * sampleWeight[n]!;
      for (let i = 0; i < x.length; i++) grad[i]! += g * x[i]!;
    }
    for (let i = 0; i < w.length; i++) w[i]! -= 2 * grad[i]!;
  }
  const params = { weights: w, threshold: 0.5 };
  return { weights: w, threshold: cheapestThreshold(samples, params, options.refusalCost ?? 1) };
}

/**
 * The threshold with the lowest total cost on held-out samples: answering out-of-scope or wrongly costs 1,
 * refusing an in-scope message costs `refusalCost`. On a tie the higher threshold wins (refuse less).
 */
function cheapestThreshold(
  samples: readonly OosSample[],
  params: OosDetectorParams,
  refusalCost: number,
): number {
  const scored = samples
    .map((s) => ({ score: oosScore(params, s.signals), sample: s, forced: s.signals.oos > s.signals.top }))
    .sort((a, b) => b.score - a.score);
  // Start by refusing nothing the classifier keeps; lower the threshold one sample at a time.
  let cost = 0;
  for (const { sample, forced } of scored) {
    const weight = sample.weight ?? 1;
    if (forced) cost += sample.outOfScope ? 0 : refusalCost * weight;
    else if (sample.outOfScope || !sample.correct) cost += weight;
  }
  let best = { cost, threshold: 1 + 1e-9 };
  for (const { score, sample, forced } of scored) {
    if (forced) continue;
    const weight = sample.weight ?? 1;
    const answered = sample.outOfScope || !sample.correct ? weight : 0;
    cost += (sample.outOfScope ? 0 : refusalCost * weight) - answered;
    if (cost < best.cost - 1e-12) best = { cost, threshold: score };
  }
  return best.threshold;
}
