import type { Lang } from '../bot/types.ts';
import type { AnalyzerOptions } from '../lang/index.ts';
import type { FeatureOptions } from './features.ts';
import type { DecisionSettings } from './model.ts';

/** How an intent model is trained (its own file: the training steps and train.ts all read it). */
export interface IntentTrainOptions extends AnalyzerOptions {
  /** same data and seed → same model (default 1) */
  seed?: number;
  /** languages of the generated off-topic examples; auto: those the examples are written in */
  lang?: 'auto' | Lang;
  /** generated off-topic examples per language (default 150; 0 for none) */
  offTopic?: number;
  /** passes over the data (default: 12 for large sets, up to 30 for small ones) */
  epochs?: number;
  learningRate?: number;
  l2?: number;
  features?: FeatureOptions;
  /**
   * share of examples held out to calibrate confidence and the out-of-scope detector, for training sets
   * over 3,000 examples (default 0.2; smaller sets use 3-fold predictions; 0 turns calibration off)
   */
  holdout?: number;
  /** cost of refusing an answerable message relative to a wrong answer (default 1; see fitOosDetector) */
  refusalCost?: number;
  /**
   * share of real traffic assumed to be out of scope when placing the refusal threshold, if the labelled
   * "oos" examples are a smaller share of the training data (default 0.03, about one message in thirty:
   * the least-refusing prior whose cross-validated out-of-scope recall on CLINC150's training data stays
   * above 60% with 90% confidence; see docs/bench-nlu.md)
   */
  expectedOosShare?: number;
  /**
   * For workspaces with (almost) no labelled out-of-scope examples: the share of traffic assumed to be
   * questions the bot was never taught, used to weigh the examples of intents left out of training when the
   * refusal threshold is placed (default 0.2; 0 turns leaving intents out off; see unknownIntents.ts and
   * docs/bench-nlu.md)
   */
  unknownIntentShare?: number;
  decision?: Partial<DecisionSettings>;
}

/** The options as plain data, in a fixed order: what crosses to a training worker, and what is compared. */
export function plainTrainOptions(options: IntentTrainOptions): IntentTrainOptions {
  const {
    seed,
    lang,
    offTopic,
    epochs,
    learningRate,
    l2,
    features,
    holdout,
    refusalCost,
    expectedOosShare,
    unknownIntentShare,
    decision,
    userDictionary,
    synonyms,
  } = options;
  return {
    seed,
    lang,
    offTopic,
    epochs,
    learningRate,
    l2,
    features,
    holdout,
    refusalCost,
    expectedOosShare,
    unknownIntentShare,
    decision,
    userDictionary: userDictionary ? [...userDictionary] : undefined,
    synonyms: synonyms ? [...synonyms].map((g) => [...g]) : undefined,
  };
}
