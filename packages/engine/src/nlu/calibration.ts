/** One held-out prediction: class logits and the true class. */
export interface HeldOut {
  logits: Float64Array;
  label: number;
}

function negativeLogLikelihood(samples: readonly HeldOut[], temperature: number): number {
  let total = 0;
  for (const { logits, label } of samples) {
    let max = Number.NEGATIVE_INFINITY;
    for (const v of logits) if (v > max) max = v;
    let sum = 0;
    for (const v of logits) sum += Math.exp((v - max) / temperature);
    total -= (logits[label]! - max) / temperature - Math.log(sum);
  }
  return total / Math.max(1, samples.length);
}

/**
 * Temperature scaling (Guo et al. 2017): the one number that makes held-out confidences honest,
 * found by golden-section search on the held-out log-likelihood. 1 when there is nothing to fit on.
 */
export function fitTemperature(samples: readonly HeldOut[]): number {
  if (samples.length < 5) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = negativeLogLikelihood(samples, Math.exp(a));
  let fb = negativeLogLikelihood(samples, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = negativeLogLikelihood(samples, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = negativeLogLikelihood(samples, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
