import type { KnowledgeEntry, Lang } from '../bot/types.ts';
import type { Analysis, Analyzer } from '../lang/index.ts';
import { Bm25Index } from './bm25.ts';
import { lexicalTerms } from './terms.ts';

export interface FaqHit {
  entryId: string;
  /** raw BM25 score */
  score: number;
  /** 0..1 idf-weighted overlap with the best-matching phrasing */
  similarity: number;
}

const LANGS: Lang[] = ['zh', 'en'];

/**
 * The terms of each phrasing and answer, by analyzer: an index rebuilt for a changed knowledge base (the
 * interim bot served while the classifier retrains) re-reads only what changed. Bounded: cleared when full.
 */
const termsCache = new WeakMap<Analyzer, Map<string, string[]>>();
const TERMS_KEEP = 50_000;

function termsOf(analyzer: Analyzer, text: string): string[] {
  let cache = termsCache.get(analyzer);
  if (!cache) {
    cache = new Map();
    termsCache.set(analyzer, cache);
  }
  let terms = cache.get(text);
  if (!terms) {
    if (cache.size >= TERMS_KEEP) cache.clear();
    terms = lexicalTerms(analyzer.analyze(text));
    cache.set(text, terms);
  }
  return terms;
}

type Docs = { key: string; terms: string[] }[];

function questionDocs(entries: readonly KnowledgeEntry[], analyzer: Analyzer): Docs {
  const docs: Docs = [];
  for (const entry of entries) {
    for (const lang of LANGS) {
      for (const question of entry.questions[lang] ?? []) {
        const terms = termsOf(analyzer, question);
        if (terms.length > 0) docs.push({ key: entry.id, terms });
      }
    }
  }
  return docs;
}

function answerDocs(entries: readonly KnowledgeEntry[], analyzer: Analyzer): Docs {
  const docs: Docs = [];
  for (const entry of entries) {
    for (const lang of LANGS) {
      const answer = entry.answer[lang];
      if (answer) docs.push({ key: entry.id, terms: termsOf(analyzer, answer) });
    }
  }
  return docs;
}

/**
 * The same index made in steps, with `pause` (a turn of the event loop) between them: reading the phrasings
 * (a share of the entries at a time), indexing them, then the answers. For a server that answers customers
 * meanwhile: no step holds the event loop for the whole build.
 */
export async function faqIndexInSteps(
  entries: readonly KnowledgeEntry[],
  analyzer: Analyzer,
  pause: () => Promise<void>,
): Promise<FaqIndex> {
  const docs: Docs = [];
  for (let start = 0; start < entries.length; start += ENTRIES_PER_STEP) {
    docs.push(...questionDocs(entries.slice(start, start + ENTRIES_PER_STEP), analyzer));
    await pause();
  }
  const questions = new Bm25Index(docs);
  await pause();
  const answers = new Bm25Index(answerDocs(entries, analyzer));
  return new FaqIndex(entries, analyzer, { questions, answers });
}

/** Entries whose phrasings are read in one step (about 20 phrasings each: a few milliseconds per entry). */
const ENTRIES_PER_STEP = 16;

/**
 * Lexical index over every phrasing of every FAQ entry, in both languages; and over the answers, for
 * wording customers take from the answer's world rather than from the questions staff wrote.
 */
export class FaqIndex {
  private readonly index: Bm25Index<string>;
  private readonly answers: Bm25Index<string>;

  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly analyzer: Analyzer,
    /** the two indexes made beforehand (`faqIndexInSteps`) */
    built?: { questions: Bm25Index<string>; answers: Bm25Index<string> },
  ) {
    this.index = built?.questions ?? new Bm25Index(questionDocs(entries, analyzer));
    this.answers = built?.answers ?? new Bm25Index(answerDocs(entries, analyzer));
  }

  private terms(query: string | Analysis): string[] {
    return lexicalTerms(typeof query === 'string' ? this.analyzer.analyze(query) : query);
  }

  search(query: string | Analysis, limit = 5): FaqHit[] {
    const terms = this.terms(query);
    if (terms.length === 0) return [];
    return this.index.search(terms, limit).map((hit) => ({
      entryId: hit.key,
      score: hit.score,
      similarity: hit.similarity,
    }));
  }

  /** 0..1 share of the query's weight found in each entry's answer, for entries sharing a term with it. */
  answerCoverage(query: string | Analysis, limit = 20): Map<string, number> {
    const terms = this.terms(query);
    if (terms.length === 0) return new Map();
    return new Map(this.answers.searchCoverage(terms, limit).map((hit) => [hit.key, hit.similarity]));
  }
}
