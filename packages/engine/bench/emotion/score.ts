import { BASIC_EMOTIONS, type BasicEmotion } from '../../src/emotion/index.ts';

export interface Score {
  macroF1: number;
  angerRecall: number;
  /** of the messages predicted as anger, the share that were anger */
  angerPrecision: number;
  perClass: Partial<Record<BasicEmotion, number>>;
}

/**
 * Macro-F1 over the basic emotions present in the gold labels. A data set without a disgust label
 * (SMP2020-EWECT folds it into angry) counts a disgust prediction as anger.
 */
export function score(gold: readonly BasicEmotion[], predicted: readonly BasicEmotion[]): Score {
  const present = new Set(gold);
  const fold = (b: BasicEmotion): BasicEmotion => (b === 'disgust' && !present.has('disgust') ? 'anger' : b);
  const perClass: Partial<Record<BasicEmotion, number>> = {};
  let sum = 0;
  for (const k of BASIC_EMOTIONS.filter((b) => present.has(b))) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = fold(predicted[i]!);
      if (g === k && p === k) tp++;
      else if (p === k) fp++;
      else if (g === k) fn++;
    });
    const precision = tp / (tp + fp || 1);
    const recall = tp / (tp + fn || 1);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[k] = f1;
    sum += f1;
  }
  const pairs = gold.map((g, i) => [g, fold(predicted[i]!)] as const);
  const anger = pairs.filter(([g]) => g === 'anger');
  const predictedAnger = pairs.filter(([, p]) => p === 'anger');
  return {
    angerPrecision:
      predictedAnger.length > 0
        ? predictedAnger.filter(([g]) => g === 'anger').length / predictedAnger.length
        : 0,
    macroF1: present.size > 0 ? sum / present.size : 0,
    angerRecall: anger.length > 0 ? anger.filter(([, p]) => p === 'anger').length / anger.length : 0,
    perClass,
  };
}
