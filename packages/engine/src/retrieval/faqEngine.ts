import type { KnowledgeEntry, Lang } from '../bot/types.ts';
import type { TrainingExample } from '../nlu/clean.ts';
import type { IntentModel, IntentPrediction, Outcome } from '../nlu/model.ts';
import { OOS_INTENT } from '../nlu/model.ts';
import { type IntentTrainOptions, trainIntentModel } from '../nlu/train.ts';
import { trainInWorker, type WorkerOptions } from '../nlu/trainInWorker.ts';
import { FaqIndex } from './faqIndex.ts';

export interface FaqFusionOptions {
  /** share of the fused score that comes from lexical similarity; the rest is the classifier (default 0.35) */
  lexicalWeight?: number;
  /** fused score from which the best entry is answered (default 0.5) */
  answerAt?: number;
  /** lead over the second entry needed to answer without asking (default 0.2) */
  margin?: number;
  /** fused score from which entries are offered as "did you mean" (default 0.2) */
  clarifyAt?: number;
  /** lexical similarity at which a question counts as one of the entry's own phrasings (default 0.8) */
  verbatimAt?: number;
}

export interface FaqEngineOptions extends IntentTrainOptions, FaqFusionOptions {
  /** questions the workspace marked "not ours": examples of the out-of-scope class */
  outOfScope?: string[];
}

export interface FaqScore {
  entryId: string;
  /** fused 0..1 */
  score: number;
  /** calibrated classifier probability */
  classifier: number;
  /** lexical similarity to the entry's closest phrasing */
  lexical: number;
}

export interface FaqSearchResult {
  outcome: Outcome;
  /** best entries first, with their scores: for clarification buttons and agent assist */
  candidates: FaqScore[];
  lang: Lang | null;
  prediction: IntentPrediction;
}

/**
 * FAQ retrieval: an intent model trained on the entries' phrasings (intent = entry id), fused with BM25
 * over words and character bigrams. The classifier generalises to unseen wording; the lexical side
 * keeps exact phrasings and rare product words from being out-voted.
 */
export class FaqEngine {
  private readonly index: FaqIndex;
  private readonly settings: Required<FaqFusionOptions>;

  constructor(
    readonly entries: readonly KnowledgeEntry[],
    readonly model: IntentModel,
    options: FaqFusionOptions = {},
  ) {
    this.index = new FaqIndex(entries, model.analyzer);
    this.settings = {
      lexicalWeight: options.lexicalWeight ?? 0.35,
      answerAt: options.answerAt ?? 0.5,
      margin: options.margin ?? 0.2,
      clarifyAt: options.clarifyAt ?? 0.2,
      verbatimAt: options.verbatimAt ?? 0.8,
    };
  }

  search(text: string, limit = 5): FaqSearchResult {
    const analysis = this.model.analyzer.analyze(text);
    const prediction = this.model.predictAnalysis(analysis);
    const hits = prediction.ranking.length > 0 ? this.index.search(analysis, limit) : [];
    const scores = new Map<string, FaqScore>();
    const { lexicalWeight, answerAt, margin, clarifyAt, verbatimAt } = this.settings;
    for (const r of prediction.ranking) {
      scores.set(r.intent, { entryId: r.intent, score: 0, classifier: r.confidence, lexical: 0 });
    }
    for (const h of hits) {
      const s = scores.get(h.entryId) ?? { entryId: h.entryId, score: 0, classifier: 0, lexical: 0 };
      s.lexical = h.similarity;
      scores.set(h.entryId, s);
    }
    for (const s of scores.values()) s.score = (1 - lexicalWeight) * s.classifier + lexicalWeight * s.lexical;
    const candidates = [...scores.values()].sort((a, b) => b.score - a.score).slice(0, limit);
    const [top, second] = candidates;
    let outcome: Outcome;
    if (!top || (prediction.outcome === 'unknown' && top.lexical < verbatimAt)) outcome = 'unknown';
    else if (top.score >= answerAt && top.score - (second?.score ?? 0) >= margin) outcome = 'answer';
    else if (top.score >= clarifyAt) outcome = 'clarify';
    else outcome = 'unknown';
    return { outcome, candidates, lang: analysis.lang, prediction };
  }
}

/** Training examples of a knowledge base: every phrasing of every entry (both languages), intent = entry id. */
export function faqExamples(
  entries: readonly KnowledgeEntry[],
  outOfScope: readonly string[] = [],
): TrainingExample[] {
  const examples = entries.flatMap((entry) =>
    (['zh', 'en'] as const).flatMap((lang) =>
      (entry.questions[lang] ?? []).map((text) => ({ text, intent: entry.id })),
    ),
  );
  for (const text of outOfScope) examples.push({ text, intent: OOS_INTENT });
  return examples;
}

/** Trains the engine in this thread on the entries plus the workspace's "not ours" examples. */
export function trainFaqEngine(
  entries: readonly KnowledgeEntry[],
  options: FaqEngineOptions = {},
): FaqEngine {
  return new FaqEngine(entries, trainIntentModel(faqExamples(entries, options.outOfScope), options), options);
}

/** The same, trained in a worker thread: the caller's thread stays free to answer meanwhile. */
export async function trainFaqEngineInWorker(
  entries: readonly KnowledgeEntry[],
  options: FaqEngineOptions = {},
  workerOptions: WorkerOptions = {},
): Promise<FaqEngine> {
  const model = await trainInWorker(faqExamples(entries, options.outOfScope), options, workerOptions);
  return new FaqEngine(entries, model, options);
}
