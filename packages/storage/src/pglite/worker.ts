// The embedded PostgreSQL's own thread (see workerDialect.ts): opens PGlite on workerData.dataDir (in memory
// when null) and answers one message at a time. Rows are parsed here, with PGlite's own type parsers, and
// cross to the main thread by structured clone, which keeps Dates, BigInts, Uint8Arrays and parsed JSON.

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_START_PARAMS } from './startParams.ts';
import { preparedStatements, type Query } from './statements.ts';

export interface WorkerInit {
  dataDir: string | null;
  /** run DML through named prepared statements (statements.ts) instead of PGlite's query() */
  prepare: boolean;
}
/**
 * `session`: the logical connection that sent it. `tx`: the statement begins or ends that session's
 * transaction; while a transaction is open only its own session's statements run (PGlite has one session).
 */
export type WorkerRequest =
  | { id: number; session: number; sql: string; params: unknown[]; tx?: 'begin' | 'end' }
  | { id: number; close: true };
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
const db = new PGlite(dataDir ?? undefined, { startParams: PGLITE_START_PARAMS });
let query: Query;
let ready = false;
void (async () => {
  try {
    await db.waitReady;
    query = prepare ? await preparedStatements(db) : (sql, params) => db.query(sql, params);
    ready = true;
    port.postMessage({ id: 0, ready: true } satisfies WorkerResponse);
    void pump();
  } catch (error) {
    port.postMessage({ id: 0, error: serializeError(error) } satisfies WorkerResponse); // main thread ends us
  }
})();
/** Runs one request and answers it; false when the statement failed. */
async function answer(request: WorkerRequest): Promise<boolean> {
  if ('close' in request) {
    await db.close().catch(() => {});
    port.postMessage({ id: request.id, rows: [] } satisfies WorkerResponse);
    port.close(); // nothing else keeps the thread alive: it exits
    return true;
  }
  let response: WorkerResponse;
  let ok = true;
  try {
    const { rows, affectedRows } = await query(request.sql, request.params);
    response = affectedRows ? { id: request.id, rows, affectedRows } : { id: request.id, rows };
  } catch (error) {
    ok = false;
    response = { id: request.id, error: serializeError(error) };
  }
  try {
    port.postMessage(response);
  } catch (error) {
    port.postMessage({ id: request.id, error: serializeError(error) } satisfies WorkerResponse);
  }
  return ok;
}

// One statement at a time, in arrival order, from any session — except while a session's transaction is
// open: then only that session's statements run and the others wait their turn. So statements outside
// transactions are pipelined (no round trip to the main thread between them), and a transaction still sees
// nobody else's statements.
const queue: WorkerRequest[] = [];
let transaction: number | null = null;
let running = false;

async function pump(): Promise<void> {
  if (running || !ready) return;
  running = true;
  try {
    for (;;) {
      const index =
        transaction === null
          ? queue.length > 0
            ? 0
            : -1
          : queue.findIndex((r) => 'close' in r || r.session === transaction);
      if (index < 0) break;
      const [request] = queue.splice(index, 1) as [WorkerRequest];
      const ok = await answer(request);
      if ('close' in request) break;
      if (request.tx === 'begin' && ok) transaction = request.session;
      if (request.tx === 'end') transaction = null;
    }
  } finally {
    running = false;
  }
}

port.on('message', (request: WorkerRequest) => {
  queue.push(request);
  void pump();
});
