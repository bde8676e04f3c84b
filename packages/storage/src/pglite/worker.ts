// The embedded PostgreSQL's own thread (see workerDialect.ts): opens PGlite on workerData.dataDir (in memory
// when null) and answers one message at a time. Rows are parsed here, with PGlite's own type parsers, and
// cross to the main thread by structured clone, which keeps Dates, BigInts, Uint8Arrays and parsed JSON.

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { preparedStatements, type Query } from './statements.ts';

export interface WorkerInit {
  dataDir: string | null;
  /** run DML through named prepared statements (statements.ts) instead of PGlite's query() */
  prepare: boolean;
}
export type WorkerRequest = { id: number; sql: string; params: unknown[] } | { id: number; close: true };
/** Error fields as plain data: message, name, and PostgreSQL's (code, severity, detail, constraint, …). */
export type SerializedError = { message: string } & Record<string, unknown>;
/** id 0 answers the start: ready, or the error that stopped PGlite opening. */
export type WorkerResponse =
  | { id: number; rows: unknown[]; affectedRows?: number }
  | { id: number; error: SerializedError }
  | { id: 0; ready: true };

/** Own data fields of an error (PGlite adds `query` and `params`), leaving out anything that will not clone. */
function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error) };
  const out: SerializedError = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (key === 'queryOptions' || typeof value === 'function') continue;
    try {
      out[key] = structuredClone(value);
    } catch {
      // not plain data: dropped
    }
  }
  return out;
}

const port = parentPort!;
const { dataDir, prepare } = workerData as WorkerInit;
const db = dataDir ? new PGlite(dataDir) : new PGlite();
let query: Query;
let chain: Promise<unknown> = (async () => {
  try {
    await db.waitReady;
    query = prepare ? await preparedStatements(db) : (sql, params) => db.query(sql, params);
    port.postMessage({ id: 0, ready: true } satisfies WorkerResponse);
  } catch (error) {
    port.postMessage({ id: 0, error: serializeError(error) } satisfies WorkerResponse); // main thread ends us
  }
})();

async function answer(request: WorkerRequest): Promise<void> {
  if ('close' in request) {
    await db.close().catch(() => {});
    port.postMessage({ id: request.id, rows: [] } satisfies WorkerResponse);
    port.close(); // nothing else keeps the thread alive: it exits
    return;
  }
  let response: WorkerResponse;
  try {
    const { rows, affectedRows } = await query(request.sql, request.params);
    response = affectedRows ? { id: request.id, rows, affectedRows } : { id: request.id, rows };
  } catch (error) {
    response = { id: request.id, error: serializeError(error) };
  }
  try {
    port.postMessage(response);
  } catch (error) {
    port.postMessage({ id: request.id, error: serializeError(error) } satisfies WorkerResponse);
  }
}

// one statement at a time, in arrival order (the main thread sends one connection's statements only)
port.on('message', (request: WorkerRequest) => {
  chain = chain.then(() => answer(request));
});
