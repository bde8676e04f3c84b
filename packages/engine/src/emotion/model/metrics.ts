export interface ClassScores {
  /** Mean F1 over the classes that occur in the gold labels. */
  macroF1: number;
  /** Per-class recall (0 for classes absent from the gold labels). */
  recall: number[];
  f1: number[];
}

/** Per-class F1 and recall, and macro-F1 over the classes in `gold`, from parallel arrays of class indexes. */
export function classScores(
  gold: readonly number[],
  predicted: readonly number[],
  classes: number,
): ClassScores {
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
  const recall = new Array<number>(classes).fill(0);
  const f1 = new Array<number>(classes).fill(0);
  let sum = 0;
  for (const k of present) {
    const precision = tp[k]! / (tp[k]! + fp[k]! || 1);
    recall[k] = tp[k]! / (tp[k]! + fn[k]! || 1);
    f1[k] = precision + recall[k]! > 0 ? (2 * precision * recall[k]!) / (precision + recall[k]!) : 0;
    sum += f1[k]!;
  }
  return { macroF1: present.size > 0 ? sum / present.size : 0, recall, f1 };
}

/** Macro-F1 over the classes that occur in `gold`, from parallel arrays of class indexes. */
export function macroF1(gold: readonly number[], predicted: readonly number[], classes: number): number {
  return classScores(gold, predicted, classes).macroF1;
}
