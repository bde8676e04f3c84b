import type { KnowledgeEntry, Lang } from '../bot/types.ts';
import type { FaqEngine } from '../retrieval/faqEngine.ts';
import { chooseLanguage } from './language.ts';
import { FLOW_PREFIX, matcherTraining } from './matcherEntries.ts';
import { trainCached } from './trainedMatchers.ts';
import type { WorkspaceBrain } from './types.ts';

/** A knowledge entry offered to a person answering the customer (agent assist). */
export interface KnowledgeSuggestion {
  entryId: string;
  /** the entry's first question in the language asked for (else in the other one) */
  question: string;
  /** its answer in that language (else in the other one) */
  answer: string;
  /** the matcher's fused score, 0..1 */
  score: number;
}

export interface AssistResult {
  /** the language the bot would answer this message in */
  lang: Lang;
  suggestions: KnowledgeSuggestion[];
}

const other = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh');
const questionOf = (entry: KnowledgeEntry, lang: Lang) =>
  entry.questions[lang]?.[0] ?? entry.questions[other(lang)]?.[0] ?? entry.id;
const answerOf = (entry: KnowledgeEntry, lang: Lang) => entry.answer[lang] || entry.answer[other(lang)] || '';
const round = (score: number) => Math.round(score * 1000) / 1000;

/**
 * Agent assist over a workspace's brain: the bot's own trained matcher (the same one its turns use, from the
 * cache the engine was just built with) ranks the knowledge entries for a customer's message; flows are
 * left out (a person cannot paste a flow).
 */
export function createAssist(
  brain: WorkspaceBrain,
  matcher: FaqEngine = trainCached(matcherTraining(brain)),
) {
  const byId = new Map(brain.knowledge.map((entry) => [entry.id, entry]));
  return {
    /** `lang`: the conversation's known language (as a turn gets it); the text may still decide, as in a turn */
    suggest(text: string, options: { lang?: Lang | null; limit?: number } = {}): AssistResult {
      const lang = chooseLanguage(text, options.lang ?? null);
      const limit = options.limit ?? 3;
      const suggestions = matcher
        .rank(text, limit + brain.flows.length)
        .flatMap((candidate) => {
          const entry = candidate.entryId.startsWith(FLOW_PREFIX) ? undefined : byId.get(candidate.entryId);
          return entry
            ? [
                {
                  entryId: entry.id,
                  question: questionOf(entry, lang),
                  answer: answerOf(entry, lang),
                  score: round(candidate.score),
                },
              ]
            : [];
        })
        .slice(0, limit);
      return { lang, suggestions };
    },
  };
}
