import { seededRandom, shuffle } from './random.ts';

/**
 * Assigns each item to one of k folds, class by class, so every fold has its share of each class.
 * Deterministic for a seed.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 1): Int32Array {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  });
  const folds = new Int32Array(labels.length);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const members = shuffle(byLabel.get(label)!, random);
    // Rotating the starting fold spreads small classes' examples over all folds.
    members.forEach((item, j) => {
      folds[item] = (offset + j) % k;
    });
    offset = (offset + members.length) % k;
  }
  return folds;
}

/**
 * Picks about `share` of each class to hold out, never a class's last example: an intent with one
 * example must still be learned.
 */
export function holdoutMask(labels: readonly string[], share: number, seed = 1): Uint8Array {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  });
  const mask = new Uint8Array(labels.length);
  for (const label of [...byLabel.keys()].sort()) {
    const members = shuffle(byLabel.get(label)!, random);
    const count = Math.min(members.length - 1, Math.round(members.length * share));
    for (let j = 0; j < count; j++) mask[members[j]!] = 1;
  }
  return mask;
}
