import { servingEngine } from '../retrieval/faqEngine.ts';
import { type ConversationEngine, createConversationEngine } from './conversationEngine.ts';
import { matcherTraining } from './matcherEntries.ts';
import { cachedMatcher, rememberTrained, trainedBehind, vocabularyKey } from './trainedMatchers.ts';
import type { EnginePorts, WorkspaceBrain } from './types.ts';

/**
 * A workspace's changed brain served at once, before its matcher is retrained: the classifier behind the
 * running engine (`previous`) with the new knowledge, flows, rules and settings. Entries added or edited
 * since that classifier was trained answer by their words (BM25 over their phrasings, in place of the
 * classifier's probability) until the retrained engine replaces this one; deleted or switched-off entries
 * are no longer answered. Takes milliseconds where training takes seconds.
 *
 * Null when the change cannot be served this way: the workspace's vocabulary changed (every phrasing reads
 * differently), or `previous` was not built by this library.
 */
export function createInterimEngine(
  brain: WorkspaceBrain,
  ports: EnginePorts,
  previous: ConversationEngine,
): ConversationEngine | null {
  const base = trainedBehind(previous);
  const training = matcherTraining(brain);
  if (!base || base.vocabulary !== vocabularyKey(training)) return null;
  const trained = cachedMatcher(training);
  const engine = createConversationEngine(brain, ports, {
    matcher: trained ?? servingEngine(base.trained, training.entries),
  });
  rememberTrained(engine, trained ?? base.trained, training);
  return engine;
}
