import { createHash } from 'node:crypto';
import type { KnowledgeEntry } from '../bot/types.ts';
import type { TrainingReport } from '../nlu/report.ts';
import type { WorkerOptions } from '../nlu/trainInWorker.ts';
import {
  type FaqEngine,
  type FaqEngineOptions,
  trainFaqEngine,
  trainFaqEngineInWorker,
} from '../retrieval/faqEngine.ts';

/** What a workspace's matcher is trained from: entries (knowledge and flow triggers) and the workspace's vocabulary. */
export interface MatcherTraining {
  entries: KnowledgeEntry[];
  options: Pick<FaqEngineOptions, 'userDictionary' | 'synonyms' | 'unknownIntentShare'>;
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

/** Forgets every matcher kept in this process (tests of what happens in a new process). */
export function forgetTrainedMatchers(): void {
  trained.clear();
}

/** The matcher for this training when it has been trained already, else null (nothing is trained). */
export function cachedMatcher(training: MatcherTraining): FaqEngine | null {
  return trained.get(trainingKey(training)) ?? null;
}

/** What the matcher's words are read with: the workspace's own words and synonyms. */
export const vocabularyKey = ({ options }: MatcherTraining): string =>
  JSON.stringify([[...(options.userDictionary ?? [])], [...(options.synonyms ?? [])].map((g) => [...g])]);

/** The matcher for this training: from the cache, or trained here (blocking) and cached. */
export function trainCached(training: MatcherTraining): FaqEngine {
  const key = trainingKey(training);
  return remember(key, trained.get(key) ?? trainFaqEngine(training.entries, training.options));
}

/** Trains in a worker thread unless cached, so a later `trainCached` of the same training does not block. */
export async function trainInWorkerOnce(
  training: MatcherTraining,
  options: Pick<WorkerOptions, 'signal' | 'models' | 'previous'> = {},
): Promise<void> {
  const key = trainingKey(training);
  if (!trained.has(key)) {
    remember(key, await trainFaqEngineInWorker(training.entries, training.options, options));
  }
}

/**
 * The fully trained matcher behind each engine (an interim engine's is the one it borrowed), and its vocabulary;
 * keyed by the engine object (typed `object` so this file need not import the engine that imports it).
 */
const learnt = new WeakMap<object, { trained: FaqEngine; vocabulary: string }>();

export function rememberTrained(engine: object, trained: FaqEngine, training: MatcherTraining): void {
  learnt.set(engine, { trained, vocabulary: vocabularyKey(training) });
}

export function trainedBehind(engine: object): { trained: FaqEngine; vocabulary: string } | null {
  return learnt.get(engine) ?? null;
}

/** What the training of the classifier behind this engine reported; null for an engine not built by this library. */
export function trainingReportOf(engine: object): TrainingReport | null {
  return learnt.get(engine)?.trained.model.snapshot.report ?? null;
}
