import { createHash } from 'node:crypto';
import type { KnowledgeEntry } from '../bot/types.ts';
import { type FaqEngine, trainFaqEngine, trainFaqEngineInWorker } from '../retrieval/faqEngine.ts';

/**
 * Trained matchers of the last few knowledge bases, by content: training takes about a second, and an
 * engine is rebuilt with the same phrasings whenever a rule, a setting or an answer changes (and once per
 * transcript in tests). Same phrasings and seed → the same model, which is read-only once trained.
 */
const trained = new Map<string, FaqEngine>();
const TRAINED_KEEP = 4;

const trainingKey = (entries: KnowledgeEntry[]) =>
  createHash('sha256')
    .update(JSON.stringify(entries.map((e) => [e.id, e.questions.zh ?? [], e.questions.en ?? []])))
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

/** The matcher for these entries: from the cache, or trained here (blocking) and cached. */
export function trainCached(entries: KnowledgeEntry[]): FaqEngine {
  const key = trainingKey(entries);
  return remember(key, trained.get(key) ?? trainFaqEngine(entries));
}

/** Trains in a worker thread unless cached, so a later `trainCached` of the same entries does not block. */
export async function trainInWorkerOnce(entries: KnowledgeEntry[]): Promise<void> {
  const key = trainingKey(entries);
  if (!trained.has(key)) remember(key, await trainFaqEngineInWorker(entries));
}
