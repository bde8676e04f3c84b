/** Macro-F1 over the classes that occur in `gold`, from parallel arrays of class indexes. */
export function macroF1(gold: readonly number[], predicted: readonly number[], classes: number): number {
  const tp = new Array<number>(classes).fill(0);
  const fp = new Array<number>(classes).fill(0);
  const fn = new Array<number>(classes).fill(0);
  const present = new Set(gold);
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    if (g === p) tp[g]!++;
    else {
      fp[p]!++;
      fn[g]!++;
    }
  }
  let sum = 0;
  for (const k of present) {
    const precision = tp[k]! / (tp[k]! + fp[k]! || 1);
    const recall = tp[k]! / (tp[k]! + fn[k]! || 1);
    sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return present.size > 0 ? sum / present.size : 0;
}
