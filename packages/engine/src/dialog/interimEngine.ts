import type { WorkerOptions } from '../nlu/trainInWorker.ts';
import {
  type FaqEngine,
  servingEngine,
  servingEngineInSteps,
  yieldToEventLoop,
} from '../retrieval/faqEngine.ts';
import { type ConversationEngine, createConversationEngine } from './conversationEngine.ts';
import { matcherTraining } from './matcherEntries.ts';
import {
  cachedMatcher,
  type MatcherTraining,
  rememberTrained,
  trainedBehind,
  trainInWorkerOnce,
  vocabularyKey,
} from './trainedMatchers.ts';
import type { EnginePorts, WorkspaceBrain } from './types.ts';

/** What an interim engine is made from, or null when the change cannot be served that way. */
function interimPlan(
  brain: WorkspaceBrain,
  previous: ConversationEngine,
): { training: MatcherTraining; base: FaqEngine; trained: FaqEngine | null } | null {
  const base = trainedBehind(previous);
  const training = matcherTraining(brain);
  if (!base || base.vocabulary !== vocabularyKey(training)) return null;
  return { training, base: base.trained, trained: cachedMatcher(training) };
}

function finish(
  brain: WorkspaceBrain,
  ports: EnginePorts,
  plan: { training: MatcherTraining; base: FaqEngine; trained: FaqEngine | null },
  matcher: FaqEngine,
): ConversationEngine {
  const engine = createConversationEngine(brain, ports, { matcher });
  rememberTrained(engine, plan.trained ?? plan.base, plan.training);
  return engine;
}

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
  const plan = interimPlan(brain, previous);
  if (!plan) return null;
  return finish(brain, ports, plan, plan.trained ?? servingEngine(plan.base, plan.training.entries));
}

/**
 * `createInterimEngine` for a server that is answering meanwhile: the same engine, made in steps with the
 * event loop let run between them (the matcher's index, then the conversation engine), so other customers'
 * messages are not held behind the whole build at once. Each step is still synchronous.
 */
export async function buildInterimEngine(
  brain: WorkspaceBrain,
  ports: EnginePorts,
  previous: ConversationEngine,
): Promise<ConversationEngine | null> {
  await yieldToEventLoop();
  const plan = interimPlan(brain, previous);
  if (!plan) return null;
  await yieldToEventLoop();
  const matcher = plan.trained ?? (await servingEngineInSteps(plan.base, plan.training.entries));
  await yieldToEventLoop();
  return finish(brain, ports, plan, matcher);
}

/**
 * `buildConversationEngine` (matcher trained in a worker thread) for a server that is answering meanwhile:
 * the trained matcher is taken in (its model, then its index: see `trainInWorker`), then the conversation
 * engine is made in a later turn of the event loop. Given the engine this one replaces (`previous`), a small
 * change keeps the calibration of the classifier behind it and starts from its weights (nlu/retrain.ts).
 */
export async function buildConversationEngineInSteps(
  brain: WorkspaceBrain,
  ports: EnginePorts,
  options: Pick<WorkerOptions, 'signal' | 'models'> & { previous?: ConversationEngine | null } = {},
): Promise<ConversationEngine> {
  const training = matcherTraining(brain);
  const { previous, ...worker } = options;
  const before = previous ? trainedBehind(previous) : null;
  await trainInWorkerOnce(training, { ...worker, ...(before ? { previous: before.trained.model } : {}) });
  await yieldToEventLoop();
  // the matcher just trained is in the cache (`trainCached`): this takes it from there
  return createConversationEngine(brain, ports);
}
