import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainingExample } from './clean.ts';
import { NluError, type NluErrorId } from './errors.ts';
import { IntentModel } from './model.ts';
import type { IntentTrainOptions } from './train.ts';
import { cachedModel, rememberModel, trainingKey } from './trainedCache.ts';
import type { TrainRequest, TrainResponse } from './worker.ts';

export interface WorkerOptions {
  /** give up (and stop the worker) after this long (default 120 s) */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Only plain data crosses to the worker. */
function cloneable(options: IntentTrainOptions): IntentTrainOptions {
  const {
    seed,
    lang,
    offTopic,
    epochs,
    learningRate,
    l2,
    features,
    holdout,
    refusalCost,
    expectedOosShare,
    unknownIntentShare,
    decision,
    userDictionary,
    synonyms,
  } = options;
  return {
    seed,
    lang,
    offTopic,
    epochs,
    learningRate,
    l2,
    features,
    holdout,
    refusalCost,
    expectedOosShare,
    unknownIntentShare,
    decision,
    userDictionary: userDictionary ? [...userDictionary] : undefined,
    synonyms: synonyms ? [...synonyms].map((g) => [...g]) : undefined,
  };
}

/** Where tsx's loader API lives, so the worker can compile TypeScript like the main thread does. */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') {
    try {
      return import.meta.resolve('tsx/esm/api');
    } catch {
      // resolved below
    }
  }
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(packageJson.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
}

/**
 * Under tsx or Vitest this module is trainInWorker.ts and the worker is worker.ts beside it; compiled
 * (scripts/build-server.mjs) it is bundled into dist/server/main.js and worker.ts is its own entry point,
 * dist/server/worker.js, beside the bundle.
 */
const compiled = !new URL(import.meta.url).pathname.endsWith('.ts');

/** A worker running worker.ts/.js: from source it registers tsx first (Node 20 workers ignore `--import` loaders). */
function spawnWorker(): Worker {
  if (compiled) return new Worker(new URL('./worker.js', import.meta.url));
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

/**
 * Trains in a worker thread, off the request path: the calling thread keeps answering with the
 * current model meanwhile. Resolves with the new model; rejects with an NluError. The same examples and
 * options trained recently in this process give the same model at once (see trainedCache.ts).
 */
export function trainInWorker(
  examples: readonly TrainingExample[],
  options: IntentTrainOptions = {},
  workerOptions: WorkerOptions = {},
): Promise<IntentModel> {
  const request = {
    examples: examples.map(({ text, intent }) => ({ text, intent })),
    options: cloneable(options),
  } satisfies TrainRequest;
  const key = trainingKey(request.examples, request.options);
  const cached = cachedModel(key);
  if (cached) return Promise.resolve(new IntentModel(cached));
  return new Promise((resolve, reject) => {
    const worker = spawnWorker();
    let settled = false;
    const finish = (error: NluError | null, model?: IntentModel): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      workerOptions.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(model!);
    };
    const onAbort = (): void => finish(new NluError('training_failed', 'training was cancelled'));
    const timer = setTimeout(
      () => finish(new NluError('training_failed', 'training took too long and was stopped')),
      workerOptions.timeoutMs ?? 120_000,
    );
    workerOptions.signal?.addEventListener('abort', onAbort);
    // the answer arrived: the worker ending after it (as it does once it has answered) is no failure
    let answered = false;
    worker.once('message', (response: TrainResponse) => {
      answered = true;
      if (!response.ok) return finish(new NluError(response.id as NluErrorId, response.message));
      // the model is taken in on the calling thread (its indexes are built here), which answers customers
      // meanwhile: in a turn of the event loop of its own, and what the caller builds on it in the next one
      setImmediate(() => {
        if (settled) return;
        try {
          const model = new IntentModel(response.snapshot);
          rememberModel(key, response.snapshot);
          setImmediate(() => finish(null, model));
        } catch (error) {
          finish(new NluError('invalid_model', `the trained model could not be loaded: ${String(error)}`));
        }
      });
    });
    worker.once('error', (error) => {
      if (!answered) finish(new NluError('training_failed', `training worker failed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!answered) finish(new NluError('training_failed', `training worker exited (code ${code})`));
    });
    worker.postMessage(request);
  });
}
