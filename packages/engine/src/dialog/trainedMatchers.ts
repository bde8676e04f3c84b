import { createHash } from 'node:crypto';
import type { KnowledgeEntry } from '../bot/types.ts';
import {
  type FaqEngine,
  type FaqEngineOptions,
  trainFaqEngine,
  trainFaqEngineInWorker,
} from '../retrieval/faqEngine.ts';

/** What a workspace's matcher is trained from: entries (knowledge and flow triggers) and the workspace's vocabulary. */
export interface MatcherTraining {
  entries: KnowledgeEntry[];
  options: Pick<FaqEngineOptions, 'userDictionary' | 'synonyms'>;
}

/**
 * Trained matchers of the last few knowledge bases, by content: training takes about a second, and an
 * engine is rebuilt with the same phrasings whenever a rule, a setting or an answer changes (and once per
 * transcript in tests). Same phrasings, answers, vocabulary and seed → the same model, which is read-only
 * once trained.
 */
const trained = new Map<string, FaqEngine>();
const TRAINED_KEEP = 4;

const trainingKey = ({ entries, options }: MatcherTraining) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        entries.map((e) => [
          e.id,
          e.questions.zh ?? [],
          e.questions.en ?? [],
          e.answer.zh ?? '',
          e.answer.en ?? '',
        ]),
        [...(options.userDictionary ?? [])],
        [...(options.synonyms ?? [])].map((g) => [...g]),
      ]),
    )
    .digest('hex');

function remember(key: string, engine: FaqEngine): FaqEngine {
  trained.delete(key);
  trained.set(key, engine);
  for (const old of trained.keys()) {
    if (trained.size <= TRAINED_KEEP) break;
    trained.delete(old);
  }
  return engine;
}

/** The matcher for this training: from the cache, or trained here (blocking) and cached. */
export function trainCached(training: MatcherTraining): FaqEngine {
  const key = trainingKey(training);
  return remember(key, trained.get(key) ?? trainFaqEngine(training.entries, training.options));
}

/** Trains in a worker thread unless cached, so a later `trainCached` of the same training does not block. */
export async function trainInWorkerOnce(
  training: MatcherTraining,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  const key = trainingKey(training);
  if (!trained.has(key)) {
    remember(
      key,
      await trainFaqEngineInWorker(
        training.entries,
        training.options,
        options.signal ? { signal: options.signal } : {},
      ),
    );
  }
}
