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

/** Continuing from a model trained on part of the data, with every example's rivals already known. */
export interface WarmStart {
  from: Fitted;
  rivals: (Int32Array | undefined)[];
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
    epochs: warm ? Math.ceil(epochs / 3) : epochs,
    learningRate: options.learningRate ?? 2,
    l2: options.l2 ?? 3e-6,
    seed: options.seed ?? 1,
    sampleWeights,
    initial: warm ? remap(warm.from, vectorizer, classes.length) : undefined,
    rivals: warm?.rivals,
  });
  return { analyzerWords: words, vectorizer, linear };
}

/** Small workspaces need more passes to see enough updates; large ones converge in a dozen. */
export function defaultEpochs(examples: number): number {
  return Math.min(30, Math.max(12, Math.ceil(60_000 / Math.max(1, examples))));
}

/** Carries weights learned on part of the data over to the full vocabulary, feature by feature. */
function remap(from: Fitted, to: Vectorizer, classes: number): LinearModel {
  const weights = new Float32Array(to.size * classes);
  const source = new Map(from.vectorizer.toSnapshot().features.map((f, i) => [f, i]));
  to.toSnapshot().features.forEach((f, i) => {
    const j = source.get(f);
    if (j !== undefined)
      weights.set(from.linear.weights.subarray(j * classes, (j + 1) * classes), i * classes);
  });
  return { features: to.size, classes, weights, bias: from.linear.bias.slice() };
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
