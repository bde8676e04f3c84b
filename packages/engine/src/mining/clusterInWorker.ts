import { Analyzer } from '../lang/index.ts';
import { startWorker } from '../workerThread.ts';
import { type Clustering, clusterQuestions } from './cluster.ts';
import type { ClusterRequest, ClusterResponse } from './worker.ts';

export interface ClusterWorkerOptions {
  /** give up (and stop the worker) after this long (default 5 minutes) */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Clusters questions in a worker thread at low priority, off the thread that answers customers. Where no
 * worker entry is built, it clusters in the calling thread instead (correct, only not off the request path).
 */
export function clusterInWorker(
  request: ClusterRequest,
  options: ClusterWorkerOptions = {},
): Promise<Clustering> {
  // compiled, worker.ts is dist/server/miningWorker.js beside the server's bundle (scripts/build-server.mjs)
  const worker = startWorker(new URL('./worker.ts', import.meta.url), 'miningWorker.js');
  if (!worker) {
    const analyzer = new Analyzer({ userDictionary: request.userDictionary, synonyms: request.synonyms });
    return Promise.resolve(
      clusterQuestions(request.texts, {
        analyzer,
        resolution: request.resolution,
        minClusterSize: request.minClusterSize,
      }),
    );
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, clustering?: Clustering): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(clustering!);
    };
    const onAbort = (): void => finish(new Error('clustering was cancelled'));
    const timer = setTimeout(
      () => finish(new Error('clustering took too long and was stopped')),
      options.timeoutMs ?? 300_000,
    );
    options.signal?.addEventListener('abort', onAbort);
    worker.once('message', (response: ClusterResponse) =>
      response.ok ? finish(null, response.clustering) : finish(new Error(response.message)),
    );
    worker.once('error', (error) => finish(new Error(`clustering worker failed: ${error.message}`)));
    worker.once('exit', (code) => finish(new Error(`clustering worker exited (code ${code})`)));
    // a run in progress must not keep a stopping server alive
    worker.unref();
    worker.postMessage(request);
  });
}
