import type { KnowledgeEntry, Lang } from '../bot/types.ts';
import type { Analysis } from '../lang/index.ts';
import { OrganizationGuard } from '../lang/organizations.ts';
import type { IntentModel, IntentPrediction, Outcome } from '../nlu/model.ts';
import { fusePrediction } from '../nlu/semanticFusion.ts';
import type { SemanticQuery } from '../nlu/semanticIndex.ts';
import { type IntentTrainOptions, trainIntentModel } from '../nlu/train.ts';
import { trainInWorker, type WorkerOptions } from '../nlu/trainInWorker.ts';
import { faqExamples } from './faqExamples.ts';
import { FaqIndex, faqIndexInSteps } from './faqIndex.ts';

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

/**
 * Entries the classifier has not learnt in their current form (added or edited since it was trained): until
 * it has, each is scored by its words alone (lexical similarity in place of the classifier's probability),
 * so a new entry answers its own phrasings at once. See `servingEngine`.
 */
export interface FreshEntries {
  fresh?: ReadonlySet<string>;
}

/** Lexical similarity from which a fresh entry is answered even when the classifier calls the question off-topic. */
const FRESH_SIMILAR = 0.6;

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
  /** the message only named a topic: the candidates are that topic's entries, to offer as they are */
  topic?: boolean;
}

/**
 * FAQ retrieval: an intent model trained on the entries' phrasings (intent = entry id), fused with BM25
 * over words and character bigrams. The classifier generalises to unseen wording; the lexical side
 * keeps exact phrasings and rare product words from being out-voted.
 */
export class FaqEngine {
  private readonly index: FaqIndex;
  /** the companies the knowledge names are its own; others named in a question are someone else's */
  readonly organizations: OrganizationGuard;
  private readonly settings: Required<FaqFusionOptions>;
  private readonly ids: ReadonlySet<string>;
  private readonly fresh: ReadonlySet<string>;

  constructor(
    readonly entries: readonly KnowledgeEntry[],
    readonly model: IntentModel,
    options: FaqFusionOptions & FreshEntries = {},
    /** parts made beforehand (`faqEngineInSteps`) */
    built?: { index: FaqIndex; organizations: OrganizationGuard },
  ) {
    this.ids = new Set(entries.map((e) => e.id));
    this.fresh = options.fresh ?? new Set();
    this.index = built?.index ?? new FaqIndex(entries, model.analyzer);
    this.organizations = built?.organizations ?? organizationsOf(entries);
    this.settings = {
      lexicalWeight: options.lexicalWeight ?? 0.15,
      answerAt: options.answerAt ?? 0.38,
      margin: options.margin ?? 0.15,
      clarifyAt: options.clarifyAt ?? 0.15,
      verbatimAt: options.verbatimAt ?? 0.8,
      answerWeight: options.answerWeight ?? 0.23,
    };
  }

  /** the fusion settings it was built with */
  get fusion(): Required<FaqFusionOptions> {
    return { ...this.settings };
  }

  /**
   * `semantic`: the message's embedding against the workspace's embedded phrasings, when a provider gives
   * embeddings — extra evidence for the classifier's ranking and its out-of-scope decision (`fusePrediction`).
   */
  search(text: string, limit = 5, semantic?: SemanticQuery | null): FaqSearchResult {
    const analysis = this.model.analyzer.analyze(text);
    const classical = this.model.predictAnalysis(analysis);
    const prediction = semantic
      ? fusePrediction(classical, semantic, this.model.snapshot.decision)
      : classical;
    const hits = prediction.ranking.length > 0 ? this.index.search(analysis, limit) : [];
    const scores = new Map<string, FaqScore>();
    const { lexicalWeight, answerAt, margin, clarifyAt, verbatimAt, answerWeight } = this.settings;
    for (const r of prediction.ranking) {
      // the classifier may still know entries deleted since it was trained: they are not answered from
      if (!this.ids.has(r.intent)) continue;
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
      // one of a fresh entry's own phrasings is as sure as a trained classifier would be on it
      if (this.fresh.has(s.entryId))
        s.classifier = s.lexical >= verbatimAt ? 1 : Math.max(s.classifier, s.lexical);
      s.score =
        (1 - lexicalWeight - answerWeight) * s.classifier +
        lexicalWeight * s.lexical +
        answerWeight * s.answer;
    }
    const ranked = [...scores.values()].sort((a, b) => b.score - a.score);
    // one of a just-saved entry's own phrasings is answered from it: the stale classifier may still pull
    // towards an older entry with similar words ("activate a gift card" / "apply for the card")
    const saved = ranked.find((s) => this.fresh.has(s.entryId) && s.lexical >= verbatimAt);
    if (saved) {
      const candidates = [saved, ...ranked.filter((s) => s !== saved)].slice(0, limit);
      return { outcome: 'answer', candidates, lang: analysis.lang, prediction };
    }
    const candidates = ranked.slice(0, limit);
    const [top, second] = candidates;
    let outcome: Outcome;
    const heading =
      top !== undefined && namesOnlyATopic(text) && top.lexical < TOPIC_WORDS && top.answer < TOPIC_ANSWER;
    const similarAt = top && this.fresh.has(top.entryId) ? Math.min(verbatimAt, FRESH_SIMILAR) : verbatimAt;
    if (!top || (prediction.outcome === 'unknown' && top.lexical < similarAt)) outcome = 'unknown';
    else if (
      top.score >= answerAt &&
      top.score - (second?.score ?? 0) >= margin &&
      !(isBare(analysis) && top.lexical < verbatimAt && (second?.score ?? 0) >= clarifyAt) &&
      !heading &&
      !(top.lexical < verbatimAt && this.organizations.othersIn(text).length > 0)
    )
      outcome = 'answer';
    else if (top.score >= clarifyAt) outcome = 'clarify';
    else outcome = 'unknown';
    if (heading && outcome === 'clarify' && top) {
      // a heading is offered its topic: the best entry and the others of its category, best first
      const topic = this.topicOf(top, ranked).slice(0, limit);
      return { outcome, candidates: topic, lang: analysis.lang, prediction, topic: true };
    }
    return { outcome, candidates, lang: analysis.lang, prediction };
  }

  /** The entry and the others of its category, by score (the unscored in the knowledge base's order). */
  private topicOf(top: FaqScore, ranked: FaqScore[]): FaqScore[] {
    const category = this.entries.find((e) => e.id === top.entryId)?.category;
    const scored = new Map(ranked.map((s) => [s.entryId, s]));
    const same = this.entries
      .filter((e) => e.category === category && e.id !== top.entryId)
      .map((e) => scored.get(e.id) ?? { entryId: e.id, score: 0, classifier: 0, lexical: 0, answer: 0 })
      .sort((a, b) => b.score - a.score);
    return [top, ...same];
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

/** Lexical similarity to the closest phrasing, or share of the words in the answer, that answers a heading. */
const TOPIC_WORDS = 0.5;
const TOPIC_ANSWER = 0.6;

/** Greetings, placeholders and thanks around a message: they ask nothing ("please" does: "refund please"). */
const AROUND = /\[[^\]]*\]|在吗|在不|在么|在嘛|你好|您好|亲爱的|亲|谢谢|\b(?:hi|hello|hey|thanks)\b/giu;
/**
 * What makes a message a question, a request or a problem rather than a heading: a question word or mark, a
 * verb of asking or wanting, a negation ("没收到", "不能"), something that happened ("降价了"), in either language.
 */
const ASKS =
  /[?？吗呢么嘛]|怎|咋|如何|什么|啥|哪|谁|几|还是|多久|多少|多长|是否|为什么|为啥|能|可以|可不可|会不会|有没有|要|想|需要|帮|请|麻烦|申请|查|改|换|取消|退回|办|开具|没|不|未|别|坏|错|丢|忘|慢|了|过|\b(?:how|what|when|where|why|who|which|can|could|would|do|does|did|is|are|was|will|should|may|want|need|help|please|pls|get|change|cancel|track|find|not|no|never|cannot|can't|didn't|don't|won't|isn't|wasn't|haven't|hasn't)\b|n't\b/iu;

/**
 * A message that only names a topic — a heading such as 「配送咨询」, 「退款处理」, "delivery question" or a
 * menu label — asks nothing in particular: it is answered only when the entry's phrasings or answer hold its
 * words (「价格保护」, 「保价」, 「增值税发票」); otherwise the customer is offered the close entries or asked what
 * they want to know, rather than given the likeliest article (「配送咨询」 is not a question about regions).
 */
function namesOnlyATopic(text: string): boolean {
  const rest = text.replace(AROUND, ' ').trim();
  return rest.length > 0 && rest.length <= 16 && !ASKS.test(rest);
}

/**
 * The entries served at once by a classifier trained on an earlier version of them (`trained`): entries
 * added or changed since are fresh (matched by their words until the next training), deleted ones are not
 * answered. Building it takes milliseconds; training takes seconds.
 */
export function servingEngine(trained: FaqEngine, entries: readonly KnowledgeEntry[]): FaqEngine {
  return new FaqEngine(entries, trained.model, servingOptions(trained, entries));
}

/** `servingEngine` made in steps (`faqEngineInSteps`), for a server that answers customers meanwhile. */
export function servingEngineInSteps(
  trained: FaqEngine,
  entries: readonly KnowledgeEntry[],
): Promise<FaqEngine> {
  return faqEngineInSteps(entries, trained.model, servingOptions(trained, entries));
}

function servingOptions(trained: FaqEngine, entries: readonly KnowledgeEntry[]) {
  const before = new Map(trained.entries.map((e) => [e.id, entryContent(e)]));
  const fresh = new Set(entries.filter((e) => before.get(e.id) !== entryContent(e)).map((e) => e.id));
  return { ...trained.fusion, fresh };
}

/** The companies a knowledge base names (in its questions and answers) are its own. */
const organizationsOf = (entries: readonly KnowledgeEntry[]) =>
  new OrganizationGuard(
    entries.flatMap((e) => [
      ...(e.questions.zh ?? []),
      ...(e.questions.en ?? []),
      e.answer.zh ?? '',
      e.answer.en ?? '',
    ]),
  );

/** Lets the event loop run (I/O, timers, other customers' turns) between two synchronous steps. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `new FaqEngine` for a server that answers customers meanwhile: its index and the companies its knowledge
 * names are made in steps (`faqIndexInSteps`), with the event loop let run between them.
 */
export async function faqEngineInSteps(
  entries: readonly KnowledgeEntry[],
  model: IntentModel,
  options: FaqFusionOptions & FreshEntries = {},
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<FaqEngine> {
  const index = await faqIndexInSteps(entries, model.analyzer, pause);
  await pause();
  const organizations = organizationsOf(entries);
  await pause();
  return new FaqEngine(entries, model, options, { index, organizations });
}

const entryContent = (e: KnowledgeEntry) =>
  JSON.stringify([e.questions.zh ?? [], e.questions.en ?? [], e.answer.zh ?? '', e.answer.en ?? '']);

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
  // taken in by a thread that answers customers meanwhile: in steps
  return faqEngineInSteps(entries, model, options);
}
