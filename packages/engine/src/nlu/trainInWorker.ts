import { startWorker } from '../workerThread.ts';
import type { TrainingExample } from './clean.ts';
import { NluError, type NluErrorId } from './errors.ts';
import { IntentModel, type IntentModelSnapshot } from './model.ts';
import { decodeSnapshot, storedModelKey, type TrainedModelStore } from './modelStore.ts';
import { previousModel } from './retrain.ts';
import { cachedModel, rememberModel, trainingKey } from './trainedCache.ts';
import { type IntentTrainOptions, plainTrainOptions } from './trainOptions.ts';
import type { TrainRequest, TrainResponse } from './worker.ts';

export interface WorkerOptions {
  /** give up (and stop the worker) after this long (default 120 s) */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** models kept beyond this process: taken from there instead of training, and what is trained is kept there */
  models?: TrainedModelStore;
  /** the model this training replaces: after a small change its calibration is kept (see retrain.ts) */
  previous?: IntentModel;
}

let trainings = 0;
/** How many trainings this process has started in a worker (for tests: a model from a store starts none). */
export const trainingsStarted = (): number => trainings;

/** The stored model for this training key, or null: a store that fails or holds something unreadable is a miss. */
async function storedModel(
  models: TrainedModelStore,
  storedKey: string,
): Promise<IntentModelSnapshot | null> {
  try {
    const bytes = await models.load(storedKey);
    return bytes ? await decodeSnapshot(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * Trains in a worker thread, off the request path: the calling thread keeps answering with the
 * current model meanwhile. Resolves with the new model; rejects with an NluError. The same examples and
 * options trained recently in this process give the same model at once (see trainedCache.ts).
 */
export async function trainInWorker(
  examples: readonly TrainingExample[],
  options: IntentTrainOptions = {},
  workerOptions: WorkerOptions = {},
): Promise<IntentModel> {
  const { models } = workerOptions;
  const request = {
    examples: examples.map(({ text, intent }) => ({ text, intent })),
    options: plainTrainOptions(options),
    encode: models !== undefined,
  } satisfies TrainRequest;
  const previous = workerOptions.previous?.snapshot;
  const key = trainingKey(request.examples, request.options);
  const cached = cachedModel(key);
  if (cached) return new IntentModel(cached);
  const storedKey = models ? storedModelKey(key) : null;
  if (models && storedKey) {
    const stored = await storedModel(models, storedKey);
    if (stored) {
      try {
        const model = new IntentModel(stored);
        rememberModel(key, stored);
        return model;
      } catch {
        // stored but not loadable by this code: trained again below (and stored anew)
      }
    }
  }
  if (workerOptions.signal?.aborted) throw new NluError('training_failed', 'training was cancelled');
  return new Promise((resolve, reject) => {
    // compiled, worker.ts is dist/server/worker.js beside the server's bundle (scripts/build-server.mjs)
    const worker = startWorker(new URL('./worker.ts', import.meta.url), 'worker.js');
    if (!worker) {
      reject(new NluError('training_failed', 'the training worker is missing from this build'));
      return;
    }
    trainings++;
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
      if (models && storedKey && response.bytes)
        void models.save(storedKey, response.bytes).catch(() => undefined);
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
    // the model it replaces only when it can lend its calibration (trained with the same options), and lean:
    // it is copied on this thread
    const lean =
      previous?.trainedOn?.options === JSON.stringify(request.options) ? previousModel(previous) : null;
    worker.postMessage(lean ? { ...request, previous: lean } : request);
  });
}
