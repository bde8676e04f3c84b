import { parentPort } from 'node:worker_threads';
import type { TrainingExample } from './clean.ts';
import { NluError } from './errors.ts';
import { type IntentTrainOptions, trainIntentModel } from './train.ts';

export interface TrainRequest {
  examples: TrainingExample[];
  options: IntentTrainOptions;
}

export type TrainResponse =
  | { ok: true; snapshot: import('./model.ts').IntentModelSnapshot }
  | { ok: false; id: string; message: string };

// Runs one training job per worker: the worker exits after answering, so a crash or a runaway
// job never leaves a half-trained model behind.
parentPort?.once('message', (request: TrainRequest) => {
  try {
    const { snapshot } = trainIntentModel(request.examples, request.options);
    const transfer = [
      snapshot.weights.buffer,
      snapshot.bias.buffer,
      snapshot.vectorizer.idf.buffer,
    ] as ArrayBuffer[];
    parentPort?.postMessage({ ok: true, snapshot } satisfies TrainResponse, transfer);
  } catch (error) {
    const id = error instanceof NluError ? error.id : 'training_failed';
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ ok: false, id, message } satisfies TrainResponse);
  }
});
