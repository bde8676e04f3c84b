import type { Analysis } from '../lang/index.ts';
import { Analyzer } from '../lang/index.ts';
import { lexicalTerms } from '../retrieval/terms.ts';
import type { Item } from './items.ts';
import { type IntentModelSnapshot, OOS_INTENT, packExamples } from './model.ts';
import type { OosDetectorParams } from './oos.ts';
import type { TrainingReport } from './report.ts';
import { type LinearModel, type TrainedSoftmax, trainSoftmax } from './softmax.ts';
import type { IntentTrainOptions } from './trainOptions.ts';
import { Vectorizer } from './vectorizer.ts';

/** Known English words and how often they occur: the typo corrector's vocabulary. */
export function wordCounts(analyses: Iterable<Analysis>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const analysis of analyses) {
    for (const w of Analyzer.latinWords(analysis)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

export interface Fitted {
  analyzerWords: Map<string, number>;
  vectorizer: Vectorizer;
  linear: TrainedSoftmax;
}

/**
 * Continuing from weights learnt before: a model trained on part of the data (calibration by hold-out, with
 * every example's rivals already known), or the workspace's previous model (a retraining after a small change,
 * see retrain.ts). Fewer passes are then enough.
 */
export interface WarmStart {
  /** the starting weights for this vocabulary and these classes */
  initial(to: Vectorizer, classes: readonly string[]): LinearModel;
  rivals?: (Int32Array | undefined)[];
  /** at least this many passes (a class new to the starting weights starts from zero) */
  minPasses?: number;
}

export function fitLinear(
  items: readonly Item[],
  classes: string[],
  words: Map<string, number>,
  options: IntentTrainOptions,
  warm?: WarmStart,
): Fitted {
  const minCount = items.length > 2000 ? 2 : 1;
  const vectorizer = Vectorizer.fitFeatures(
    items.map((i) => i.features),
    options.features ?? {},
    minCount,
  );
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const data = items.map((i) => vectorizer.vectorize(i.analysis, i.features).vector);
  const labels = Int32Array.from(items.map((i) => classIndex.get(i.label)!));
  const sampleWeights = Float32Array.from(items.map((i) => i.weight));
  const epochs = options.epochs ?? defaultEpochs(items.length);
  const linear = trainSoftmax(data, labels, classes.length, vectorizer.size, {
    epochs: warm ? Math.min(epochs, Math.max(Math.ceil(epochs / 3), warm.minPasses ?? 0)) : epochs,
    learningRate: options.learningRate ?? 2,
    l2: options.l2 ?? 3e-6,
    seed: options.seed ?? 1,
    sampleWeights,
    initial: warm?.initial(vectorizer, classes),
    rivals: warm?.rivals,
  });
  return { analyzerWords: words, vectorizer, linear };
}

/** Small workspaces need more passes to see enough updates; large ones converge in a dozen. */
export function defaultEpochs(examples: number): number {
  return Math.min(30, Math.max(12, Math.ceil(60_000 / Math.max(1, examples))));
}

/**
 * Carries weights learnt before over to another vocabulary and class list, feature by feature and class by
 * class (by name): what is new starts at zero.
 */
export function carryWeights(
  from: {
    features: readonly string[];
    classes: readonly string[];
    weights: Float32Array;
    bias: Float32Array;
  },
  to: Vectorizer,
  classes: readonly string[],
): LinearModel {
  const size = classes.length;
  const weights = new Float32Array(to.size * size);
  const bias = new Float32Array(size);
  const source = new Map(from.features.map((f, i) => [f, i]));
  const fromClass = new Map(from.classes.map((c, i) => [c, i]));
  const sameClasses = from.classes.length === size && classes.every((c, i) => from.classes[i] === c);
  const pairs = classes.flatMap((c, i) => (fromClass.has(c) ? [[i, fromClass.get(c)!] as const] : []));
  for (const [i, j] of pairs) bias[i] = from.bias[j]!;
  const width = from.classes.length;
  to.toSnapshot().features.forEach((f, i) => {
    const j = source.get(f);
    if (j === undefined) return;
    if (sameClasses) weights.set(from.weights.subarray(j * width, (j + 1) * width), i * size);
    else for (const [c, d] of pairs) weights[i * size + c] = from.weights[j * width + d]!;
  });
  return { features: to.size, classes: size, weights, bias };
}

/** Starting from a model trained on part of the same data (same classes), rivals known. */
export function warmFromPart(
  from: Fitted,
  classes: readonly string[],
  rivals: (Int32Array | undefined)[],
): WarmStart {
  const features = from.vectorizer.toSnapshot().features;
  return {
    initial: (to) =>
      carryWeights({ features, classes, weights: from.linear.weights, bias: from.linear.bias }, to, classes),
    rivals,
  };
}

export function snapshotOf(
  fitted: Fitted,
  classes: string[],
  items: readonly Item[],
  options: IntentTrainOptions,
  temperature: number,
  detector: OosDetectorParams,
  report: TrainingReport,
): IntentModelSnapshot {
  const words = [...fitted.analyzerWords.keys()];
  return {
    format: 1,
    analyzer: {
      userDictionary: [...(options.userDictionary ?? [])],
      synonyms: [...(options.synonyms ?? [])].map((g) => [...g]),
    },
    words,
    wordCounts: Int32Array.from(words.map((w) => fitted.analyzerWords.get(w) ?? 1)),
    vectorizer: fitted.vectorizer.toSnapshot(),
    classes,
    weights: fitted.linear.weights,
    bias: fitted.linear.bias,
    temperature,
    detector,
    decision: {
      answerAt: options.decision?.answerAt ?? 0.5,
      clarifyMargin: options.decision?.clarifyMargin ?? 0.3,
    },
    ...packExamples(items.filter((i) => i.label !== OOS_INTENT).map((i) => lexicalTerms(i.analysis))),
    report,
  };
}
