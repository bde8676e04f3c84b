// A worker entry for workerThread.test.ts: says it runs from the TypeScript source.
import { parentPort } from 'node:worker_threads';

const from: string = 'source';
parentPort?.postMessage(from);
