import type { IntentScore } from './model.ts';

const RANKED = 5;

/** The keys of a semantic index, as the product needs them. */
export interface KeyLookup {
  readonly keys: readonly string[];
  indexOf(key: string): number;
  keyAt(index: number): string;
}

/**
 * Two calibrated experts multiplied and renormalised: the classifier's ranking (its top intents; the others
 * share what it left, `outOfScope` aside) and the embeddings' probability per key raised to `exponent` (0: ignored, 1: trusted as
 * calibrated). Candidates are both experts' best; an intent the index does not know yet (saved since it was
 * built) gets the embeddings' uniform share. Normalised over all intents; best first, at most five.
 */
export function productRanking(
  classifier: readonly IntentScore[],
  semantic: Float64Array,
  keys: KeyLookup,
  exponent: number,
  outOfScope = 0,
): IntentScore[] {
  const byIntent = new Map(classifier.map((r) => [r.intent, r.confidence]));
  const listed = classifier.reduce((sum, r) => sum + r.confidence, 0);
  // what the classifier left to intents outside its list (its out-of-scope class's share is not theirs)
  const unlisted = Math.max(
    1e-6,
    (1 - listed - outOfScope) / Math.max(1, keys.keys.length - classifier.length),
  );
  const candidates = new Set(byIntent.keys());
  const best: number[] = [];
  for (let k = 0; k < semantic.length; k++) {
    if (
      best.length < RANKED ||
      (semantic[k] as number) > (semantic[best[best.length - 1] as number] as number)
    ) {
      best.push(k);
      best.sort((a, b) => (semantic[b] as number) - (semantic[a] as number));
      if (best.length > RANKED) best.pop();
    }
  }
  for (const k of best) candidates.add(keys.keyAt(k));
  const uniform = 1 / Math.max(1, keys.keys.length);
  const products = [...candidates].map((intent) => {
    const k = keys.indexOf(intent);
    const c = Math.max(byIntent.get(intent) ?? unlisted, 1e-9);
    const s = Math.max(k < 0 ? uniform : (semantic[k] as number), 1e-12);
    return { intent, product: c * s ** exponent };
  });
  // normalised over every intent (not only the candidates, which would make both experts surer than they are)
  let total = 0;
  for (let k = 0; k < semantic.length; k++)
    total +=
      Math.max(byIntent.get(keys.keyAt(k)) ?? unlisted, 1e-9) *
      Math.max(semantic[k] as number, 1e-12) ** exponent;
  for (const p of products) if (keys.indexOf(p.intent) < 0) total += p.product;
  total ||= 1;
  return products
    .map((p) => ({ intent: p.intent, confidence: p.product / total }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, RANKED);
}

/** Softmax of cosine similarities (scaled by `scale`) at a temperature. */
export function similarityProbabilities(
  similarities: Float64Array,
  scale: number,
  temperature: number,
): Float64Array {
  const out = new Float64Array(similarities.length);
  let max = Number.NEGATIVE_INFINITY;
  for (const v of similarities) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < similarities.length; k++) {
    const e = Math.exp((((similarities[k] as number) - max) * scale) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < similarities.length; k++) out[k] = (out[k] as number) / sum;
  return out;
}
