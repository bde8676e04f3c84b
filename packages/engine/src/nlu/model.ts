import type { Lang } from '../bot/types.ts';
import { type Analysis, Analyzer } from '../lang/index.ts';
import { Bm25Index } from '../retrieval/bm25.ts';
import { lexicalTerms } from '../retrieval/terms.ts';
import { type OosDetectorParams, type OosSignals, oosScore } from './oos.ts';
import type { TrainingReport } from './report.ts';
import { type LinearModel, logits, softmax } from './softmax.ts';
import { Vectorizer, type VectorizerSnapshot } from './vectorizer.ts';

/** The label of out-of-scope examples in training data and of "don't know" in predictions. */
export const OOS_INTENT = 'oos';

export interface IntentScore {
  intent: string;
  /** calibrated probability, 0..1 */
  confidence: number;
}

export type Outcome = 'answer' | 'clarify' | 'unknown';

export interface IntentPrediction {
  /** answer: confident; clarify: offer the ranking's top 3; unknown: not ours (fallback, handoff) */
  outcome: Outcome;
  /** best in-scope intent, whatever the outcome (agent assist still wants it) */
  intent: string | null;
  /** its calibrated probability */
  confidence: number;
  /** best in-scope intents first */
  ranking: IntentScore[];
  /** 0..1 combined out-of-scope score, compared with the model's threshold */
  oosScore: number;
  signals: OosSignals;
  lang: Lang | null;
}

/** What the model sees in a message before calibration. */
export interface Evidence {
  logits: Float64Array;
  /** share of the message's words never seen in training */
  unknown: number;
  /** 0..1 lexical similarity to the closest training example */
  similarity: number;
}

export interface DecisionSettings {
  /** calibrated probability from which the best intent is answered without asking (default 0.5) */
  answerAt: number;
  /** lead over the second intent needed to answer without asking (default 0.3) */
  clarifyMargin: number;
}

/**
 * What models that never saw them made of some of the workspace's own examples (cross-validation during
 * training): how extra evidence about a message (embeddings, see semanticIndex.ts) is weighed against the
 * classifier without any test data. Rankings are calibrated, best first.
 */
export interface HeldOutPredictions {
  /** the thresholds the model answers with (the decision the predictions are judged by) */
  decision: DecisionSettings;
  texts: string[];
  labels: string[];
  intents: string[][];
  probabilities: number[][];
}

/** What a model was trained on, kept with it so that the next retraining can tell how much changed (retrain.ts). */
export interface TrainedOn {
  /** the training options as plain data (JSON) */
  options: string;
  /** a 32-bit digest of every example used (intent and text), sorted, without repeats */
  digests: Int32Array;
  /** examples added or removed since calibration was last measured (0 when it was measured for this model) */
  drift: number;
}

/** Everything a trained model is, as plain data: what the training worker sends back and what is versioned. */
export interface IntentModelSnapshot {
  format: 1;
  analyzer: { userDictionary: string[]; synonyms: string[][] };
  /** known English words and their frequency, for typo correction */
  words: string[];
  wordCounts: Int32Array;
  vectorizer: VectorizerSnapshot;
  classes: string[];
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
  detector: OosDetectorParams;
  decision: DecisionSettings;
  /** the in-scope training examples as lexical terms (for the similarity signal), packed */
  exampleTerms: string[];
  exampleOffsets: Int32Array;
  exampleTermIds: Int32Array;
  report: TrainingReport;
  /** held-out predictions of the workspace's own examples (absent when too few examples to hold out) */
  heldOut?: HeldOutPredictions;
  /** absent in models saved before it existed: their next retraining measures calibration */
  trainedOn?: TrainedOn;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const RANKED = 5;

/** A trained intent classifier with out-of-scope detection. Immutable: retraining makes a new one. */
export class IntentModel {
  readonly analyzer: Analyzer;
  private readonly vectorizer: Vectorizer;
  private readonly linear: LinearModel;
  private readonly oosClass: number;
  private readonly examples: Bm25Index<number>;
  private readonly scratch: Float64Array;

  constructor(readonly snapshot: IntentModelSnapshot) {
    const { words, wordCounts } = snapshot;
    const counts = new Map(words.map((w, i) => [w, wordCounts[i] ?? 1]));
    this.analyzer = new Analyzer(snapshot.analyzer).withVocabulary(counts);
    this.vectorizer = new Vectorizer(snapshot.vectorizer);
    this.linear = {
      features: this.vectorizer.size,
      classes: snapshot.classes.length,
      weights: snapshot.weights,
      bias: snapshot.bias,
    };
    this.oosClass = snapshot.classes.indexOf(OOS_INTENT);
    this.examples = new Bm25Index(unpackExamples(snapshot), { maxDocShare: 0.05 });
    this.scratch = new Float64Array(snapshot.classes.length);
  }

  get intents(): string[] {
    return this.snapshot.classes.filter((c) => c !== OOS_INTENT);
  }

  get report(): TrainingReport {
    return this.snapshot.report;
  }

  /** `threshold` overrides the trained out-of-scope threshold (to try another operating point). */
  predict(text: string, threshold?: number): IntentPrediction {
    return this.predictAnalysis(this.analyzer.analyze(text), threshold);
  }

  /** Predicts from an analysis made by this model's analyzer (lets callers share one analysis). */
  predictAnalysis(analysis: Analysis, threshold = this.snapshot.detector.threshold): IntentPrediction {
    const scored = this.score(analysis, this.snapshot.temperature);
    if (!scored) {
      return {
        outcome: 'unknown',
        intent: null,
        confidence: 0,
        ranking: [],
        oosScore: 1,
        signals: { top: 0, margin: 0, oos: 1, unknown: 1, similarity: 0 },
        lang: analysis.lang,
      };
    }
    const { ranking, signals } = scored;
    const score = oosScore(this.snapshot.detector, signals);
    const { answerAt, clarifyMargin } = this.snapshot.decision;
    const outcome: Outcome =
      signals.oos > signals.top || score >= threshold
        ? 'unknown'
        : signals.top >= answerAt && signals.margin >= clarifyMargin
          ? 'answer'
          : 'clarify';
    return {
      outcome,
      intent: ranking[0]?.intent ?? null,
      confidence: signals.top,
      ranking,
      oosScore: score,
      signals,
      lang: analysis.lang,
    };
  }

  /**
   * What the model sees in a message before calibration: class logits, the share of unknown words and the
   * similarity to the closest training example. Null when the message has no words.
   */
  evidence(analysis: Analysis): Evidence | null {
    if (!analysis.tokens.some((t) => WORDLIKE.test(t)) || this.linear.classes === 0) return null;
    const { vector, words, unknownWords } = this.vectorizer.vectorize(analysis);
    const logitsOut = new Float64Array(this.linear.classes);
    logits(this.linear, vector, logitsOut);
    return {
      logits: logitsOut,
      unknown: words === 0 ? 1 : unknownWords / words,
      similarity: this.examples.bestSimilarity(lexicalTerms(analysis)),
    };
  }

  /** Ranking and out-of-scope signals from evidence at a given temperature. */
  judge(evidence: Evidence, temperature: number): { ranking: IntentScore[]; signals: OosSignals } {
    const probs = this.scratch;
    probs.set(evidence.logits);
    softmax(probs, temperature);
    // Top intents by selection rather than sorting every class: most workspaces have many.
    const best: number[] = [];
    for (let c = 0; c < probs.length; c++) {
      if (c === this.oosClass) continue;
      if (best.length < RANKED || probs[c]! > probs[best[best.length - 1]!]!) {
        best.push(c);
        best.sort((a, b) => probs[b]! - probs[a]!);
        if (best.length > RANKED) best.pop();
      }
    }
    const ranking = best.map((c) => ({ intent: this.snapshot.classes[c]!, confidence: probs[c]! }));
    const top = ranking[0]?.confidence ?? 0;
    const signals: OosSignals = {
      top,
      margin: top - (ranking[1]?.confidence ?? 0),
      oos: this.oosClass >= 0 ? probs[this.oosClass]! : 0,
      unknown: evidence.unknown,
      similarity: evidence.similarity,
    };
    return { ranking, signals };
  }

  /** Ranking and out-of-scope signals at a given temperature; null when the message has no words. */
  score(analysis: Analysis, temperature: number): { ranking: IntentScore[]; signals: OosSignals } | null {
    const evidence = this.evidence(analysis);
    return evidence ? this.judge(evidence, temperature) : null;
  }
}

/** Packs lexical term lists into a shared vocabulary and flat arrays (small to store and to transfer). */
export function packExamples(
  docs: readonly (readonly string[])[],
): Pick<IntentModelSnapshot, 'exampleTerms' | 'exampleOffsets' | 'exampleTermIds'> {
  const vocabulary = new Map<string, number>();
  const ids: number[] = [];
  const offsets = new Int32Array(docs.length + 1);
  docs.forEach((terms, i) => {
    for (const term of terms) {
      let id = vocabulary.get(term);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(term, id);
      }
      ids.push(id);
    }
    offsets[i + 1] = ids.length;
  });
  return {
    exampleTerms: [...vocabulary.keys()],
    exampleOffsets: offsets,
    exampleTermIds: Int32Array.from(ids),
  };
}

function* unpackExamples(snapshot: IntentModelSnapshot): Generator<{ key: number; terms: string[] }> {
  const { exampleTerms, exampleOffsets, exampleTermIds } = snapshot;
  for (let i = 0; i + 1 < exampleOffsets.length; i++) {
    const terms: string[] = [];
    for (let j = exampleOffsets[i]!; j < exampleOffsets[i + 1]!; j++)
      terms.push(exampleTerms[exampleTermIds[j]!]!);
    yield { key: i, terms };
  }
}
