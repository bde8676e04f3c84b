import type { KnowledgeEntry, Lang } from '../bot/types.ts';
import type { Analysis } from '../lang/index.ts';
import { OrganizationGuard } from '../lang/organizations.ts';
import type { IntentModel, IntentPrediction, Outcome } from '../nlu/model.ts';
import { type IntentTrainOptions, trainIntentModel } from '../nlu/train.ts';
import { trainInWorker, type WorkerOptions } from '../nlu/trainInWorker.ts';
import { faqExamples } from './faqExamples.ts';
import { FaqIndex } from './faqIndex.ts';

export interface FaqFusionOptions {
  /** share of the fused score from lexical similarity to the closest phrasing (default 0.15) */
  lexicalWeight?: number;
  /** fused score from which the best entry is answered (default 0.38) */
  answerAt?: number;
  /** lead over the second entry needed to answer without asking (default 0.15) */
  margin?: number;
  /** fused score from which entries are offered as "did you mean" (default 0.15) */
  clarifyAt?: number;
  /** lexical similarity at which a question counts as one of the entry's own phrasings (default 0.8) */
  verbatimAt?: number;
  /**
   * share of the fused score from how much of the question the entry's answer contains (default 0.23); the
   * rest is the classifier's probability
   */
  answerWeight?: number;
}

export interface FaqEngineOptions extends IntentTrainOptions, FaqFusionOptions {
  /** questions the workspace marked "not ours": examples of the out-of-scope class */
  outOfScope?: string[];
  /**
   * also learn from the first sentences of each answer (this many per language) as examples of its entry:
   * customers often ask in the answer's words (default 8; 0 for none)
   */
  answerExamples?: number;
}

export interface FaqScore {
  entryId: string;
  /** fused 0..1 */
  score: number;
  /** calibrated classifier probability */
  classifier: number;
  /** lexical similarity to the entry's closest phrasing */
  lexical: number;
  /** 0..1 share of the question found in the entry's answer */
  answer: number;
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
  private readonly others: OrganizationGuard;
  private readonly settings: Required<FaqFusionOptions>;

  constructor(
    readonly entries: readonly KnowledgeEntry[],
    readonly model: IntentModel,
    options: FaqFusionOptions = {},
  ) {
    this.index = new FaqIndex(entries, model.analyzer);
    this.others = new OrganizationGuard(
      entries
        .flatMap((e) => [
          ...(e.questions.zh ?? []),
          ...(e.questions.en ?? []),
          e.answer.zh ?? '',
          e.answer.en ?? '',
        ])
        .join('\n'),
    );
    this.settings = {
      lexicalWeight: options.lexicalWeight ?? 0.15,
      answerAt: options.answerAt ?? 0.38,
      margin: options.margin ?? 0.15,
      clarifyAt: options.clarifyAt ?? 0.15,
      verbatimAt: options.verbatimAt ?? 0.8,
      answerWeight: options.answerWeight ?? 0.23,
    };
  }

  search(text: string, limit = 5): FaqSearchResult {
    const analysis = this.model.analyzer.analyze(text);
    const prediction = this.model.predictAnalysis(analysis);
    const hits = prediction.ranking.length > 0 ? this.index.search(analysis, limit) : [];
    const scores = new Map<string, FaqScore>();
    const { lexicalWeight, answerAt, margin, clarifyAt, verbatimAt, answerWeight } = this.settings;
    for (const r of prediction.ranking) {
      scores.set(r.intent, { entryId: r.intent, score: 0, classifier: r.confidence, lexical: 0, answer: 0 });
    }
    for (const h of hits) {
      const s = scores.get(h.entryId) ?? {
        entryId: h.entryId,
        score: 0,
        classifier: 0,
        lexical: 0,
        answer: 0,
      };
      s.lexical = h.similarity;
      scores.set(h.entryId, s);
    }
    const answers =
      prediction.ranking.length > 0 && answerWeight > 0 ? this.index.answerCoverage(analysis) : null;
    for (const s of scores.values()) {
      s.answer = answers?.get(s.entryId) ?? 0;
      s.score =
        (1 - lexicalWeight - answerWeight) * s.classifier +
        lexicalWeight * s.lexical +
        answerWeight * s.answer;
    }
    const candidates = [...scores.values()].sort((a, b) => b.score - a.score).slice(0, limit);
    const [top, second] = candidates;
    let outcome: Outcome;
    if (!top || (prediction.outcome === 'unknown' && top.lexical < verbatimAt)) outcome = 'unknown';
    else if (
      top.score >= answerAt &&
      top.score - (second?.score ?? 0) >= margin &&
      !(isBare(analysis) && top.lexical < verbatimAt && (second?.score ?? 0) >= clarifyAt) &&
      !(top.lexical < verbatimAt && this.others.othersIn(text).length > 0)
    )
      outcome = 'answer';
    else if (top.score >= clarifyAt) outcome = 'clarify';
    else outcome = 'unknown';
    return { outcome, candidates, lang: analysis.lang, prediction };
  }

  /**
   * The entries worth showing for a question (agent assist), best first, with their scores: those the bot
   * would at least offer as "did you mean"; none when it would not understand the question at all.
   */
  rank(text: string, limit = 3): FaqScore[] {
    const result = this.search(text, Math.max(limit, 5));
    if (result.outcome === 'unknown') return [];
    return result.candidates.filter((c) => c.score >= this.settings.clarifyAt).slice(0, limit);
  }
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * A message of one word ("invoice", "会员") names a topic, not a question: when several entries share
 * the topic, the customer picks rather than gets the likeliest article.
 */
const isBare = (analysis: Analysis) => analysis.tokens.filter((t) => WORDLIKE.test(t)).length <= 1;

/** Trains the engine in this thread on the entries plus the workspace's "not ours" examples. */
export function trainFaqEngine(
  entries: readonly KnowledgeEntry[],
  options: FaqEngineOptions = {},
): FaqEngine {
  return new FaqEngine(
    entries,
    trainIntentModel(faqExamples(entries, options.outOfScope, options.answerExamples), options),
    options,
  );
}

/** The same, trained in a worker thread: the caller's thread stays free to answer meanwhile. */
export async function trainFaqEngineInWorker(
  entries: readonly KnowledgeEntry[],
  options: FaqEngineOptions = {},
  workerOptions: WorkerOptions = {},
): Promise<FaqEngine> {
  const model = await trainInWorker(
    faqExamples(entries, options.outOfScope, options.answerExamples),
    options,
    workerOptions,
  );
  return new FaqEngine(entries, model, options);
}
