import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { Analyzer } from '../lang/index.ts';
import { type Clustering, clusterQuestions } from './cluster.ts';

/** What crosses to the clustering worker: plain data only. */
export interface ClusterRequest {
  texts: string[];
  userDictionary: string[];
  synonyms: string[][];
  resolution?: number;
  minClusterSize?: number;
}

export type ClusterResponse = { ok: true; clustering: Clustering } | { ok: false; message: string };

// Clustering yields the CPU to answering customers, like bot training (nlu/worker.ts): on Linux this
// thread alone gets the nice value (BOT_TRAINING_NICE, default 19).
const nice = Number(process.env.BOT_TRAINING_NICE ?? '19');
if (process.platform === 'linux') {
  try {
    setPriority(Number.isInteger(nice) && nice >= 0 && nice <= 19 ? nice : 19);
  } catch {
    // not permitted here: run at normal priority
  }
}

// One job per worker: it exits after answering, so its memory is returned at once.
parentPort?.once('message', (request: ClusterRequest) => {
  try {
    const analyzer = new Analyzer({ userDictionary: request.userDictionary, synonyms: request.synonyms });
    const clustering = clusterQuestions(request.texts, {
      analyzer,
      resolution: request.resolution,
      minClusterSize: request.minClusterSize,
    });
    parentPort?.postMessage({ ok: true, clustering } satisfies ClusterResponse, [
      clustering.assignment.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    } satisfies ClusterResponse);
  }
});
