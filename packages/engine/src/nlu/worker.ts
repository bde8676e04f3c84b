import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { TrainingExample } from './clean.ts';
import { NluError } from './errors.ts';
import { encodeSnapshot } from './modelStore.ts';
import type { PreviousModel } from './retrain.ts';
import { type IntentTrainOptions, trainFrom } from './train.ts';

export interface TrainRequest {
  examples: TrainingExample[];
  options: IntentTrainOptions;
  /** also send the model as bytes to store (see modelStore.ts): encoded here, off the caller's thread */
  encode?: boolean;
  /** the workspace's model before this change: its calibration is kept if little changed (retrain.ts) */
  previous?: PreviousModel;
}

export type TrainResponse =
  | { ok: true; snapshot: import('./model.ts').IntentModelSnapshot; bytes?: Uint8Array }
  | { ok: false; id: string; message: string };

// Training yields the CPU to answering: on Linux a thread has its own nice value, and setpriority() on
// "the current process" changes only the calling thread, so this worker runs at the lowest priority while
// the server's own threads keep theirs. (Elsewhere it would lower the whole process, so it is Linux only.)
// BOT_TRAINING_NICE (0–19, default 19) sets it: the server refuses other values at start-up; the test suite
// uses 0, since there training that waits behind the other test files' work only makes every run slower.
const nice = Number(process.env.BOT_TRAINING_NICE ?? '19');
if (process.platform === 'linux') {
  try {
    setPriority(Number.isInteger(nice) && nice >= 0 && nice <= 19 ? nice : 19);
  } catch {
    // not permitted here: train at normal priority
  }
}

// Runs one training job per worker: the worker exits after answering, so a crash or a runaway
// job never leaves a half-trained model behind.
parentPort?.once('message', (request: TrainRequest) => {
  try {
    const { snapshot } = trainFrom(request.examples, request.options, request.previous);
    // encoded before the buffers are transferred (a transferred buffer is gone from this side)
    const bytes = request.encode ? encodeSnapshot(snapshot) : undefined;
    const transfer = [
      snapshot.weights.buffer,
      snapshot.bias.buffer,
      snapshot.vectorizer.idf.buffer,
      ...(bytes ? [bytes.buffer] : []),
    ] as ArrayBuffer[];
    parentPort?.postMessage(
      { ok: true, snapshot, ...(bytes ? { bytes } : {}) } satisfies TrainResponse,
      transfer,
    );
  } catch (error) {
    const id = error instanceof NluError ? error.id : 'training_failed';
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ ok: false, id, message } satisfies TrainResponse);
  }
});
