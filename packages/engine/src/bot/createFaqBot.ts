import { NluError } from '../nlu/errors.ts';
import { type FaqEngineOptions, trainFaqEngine, trainFaqEngineInWorker } from '../retrieval/faqEngine.ts';
import { engineMatcher } from './engineMatcher.ts';
import { createFaqBotWith, type FaqBotOptions } from './faqBot.ts';
import { createLexicalMatcher } from './lexicalMatcher.ts';
import type { FaqMatcher } from './matcher.ts';
import type { Bot, KnowledgeEntry } from './types.ts';

export interface CreateFaqBotOptions extends FaqBotOptions, FaqEngineOptions {}

/**
 * A knowledge base with nothing to learn from (no entries, or no phrasing with words) gives a bot that
 * knows nothing and says so (then hands over), rather than an error: a new workspace starts that way.
 */
function isNothingToLearn(error: unknown): boolean {
  return (
    error instanceof NluError && (error.id === 'empty_training_set' || error.id === 'no_in_scope_intent')
  );
}

/**
 * A bot answering from these knowledge entries (see createFaqBotWith for the dialogue policy). Trains the
 * NLU engine in this thread (about a second for a few hundred phrasings): fine for tests, scripts and
 * small knowledge bases. Servers should prefer createFaqBotInWorker or createLiveFaqBot.
 */
export function createFaqBot(entries: KnowledgeEntry[], options: CreateFaqBotOptions = {}): Bot {
  let matcher: FaqMatcher;
  try {
    matcher = options.matcher ?? engineMatcher(trainFaqEngine(entries, options));
  } catch (error) {
    if (!isNothingToLearn(error)) throw error;
    matcher = createLexicalMatcher(entries, options);
  }
  return createFaqBotWith(entries, matcher, options);
}

/** The same bot, with the engine trained in a worker thread so the caller's event loop stays free. */
export async function createFaqBotInWorker(
  entries: KnowledgeEntry[],
  options: CreateFaqBotOptions = {},
): Promise<Bot> {
  let matcher: FaqMatcher;
  try {
    matcher = options.matcher ?? engineMatcher(await trainFaqEngineInWorker(entries, options));
  } catch (error) {
    if (!isNothingToLearn(error)) throw error;
    matcher = createLexicalMatcher(entries, options);
  }
  return createFaqBotWith(entries, matcher, options);
}
