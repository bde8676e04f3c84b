// Embedded PostgreSQL (PGlite) in a worker thread behind a Kysely dialect: every statement's parse, plan,
// execution and row parsing runs on the worker's core, so the main thread (sockets, bot) only compiles the
// query and posts a message. Each caller gets its own session; the worker runs statements in arrival order
// and, while a session's transaction (BEGIN … COMMIT/ROLLBACK) is open, only that session's. Errors keep
// PostgreSQL's fields (`code` 23505, `severity`, `detail`, `constraint`, …), rows carry the types PGlite's
// parsers give (Date, parsed json/jsonb), and a statement resolves only after PGlite finished it (a COMMIT is
// on disk).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { SerializedError, WorkerInit, WorkerRequest, WorkerResponse } from './worker.ts';

export interface PgliteWorkerOptions {
  /** PGlite's data directory; null for an in-memory database */
  dataDir: string | null;
  /** run DML through named prepared statements, parsed and planned once per SQL text (default true) */
  preparedStatements?: boolean;
  /** the worker stopped unexpectedly: its statements in flight failed; the next statement starts a new one */
  onError?: (error: Error) => void;
}

/**
 * Under tsx or Vitest this module is workerDialect.ts and the worker is worker.ts beside it; compiled
 * (scripts/build-server.mjs) it is bundled into dist/server/main.js and the worker is its own entry point,
 * dist/server/pgliteWorker.js, beside the bundle. From source, `usePgliteWorkerBundle` can name a folder
 * holding such a build (the tests build one per run): the thread then starts as in production, without
 * compiling TypeScript through tsx's loader (Node 20 workers ignore `--import` loaders).
 */
const compiled = !new URL(import.meta.url).pathname.endsWith('.ts');
let bundles: string | null = null;

/** Start PGlite threads from `<dir>/pgliteWorker.js` (scripts/build-server.mjs output); null: from source. */
export function usePgliteWorkerBundle(dir: string | null): void {
  bundles = dir;
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

function spawnWorker(init: WorkerInit): Worker {
  if (compiled) return new Worker(new URL('./pgliteWorker.js', import.meta.url), { workerData: init });
  const bundle = bundles === null ? null : join(bundles, 'pgliteWorker.js');
  if (bundle !== null && existsSync(bundle)) return new Worker(pathToFileURL(bundle), { workerData: init });
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: init });
}

/** The worker's error as an Error again, with PostgreSQL's fields (`code`, `severity`, …) on it. */
function rebuildError({ message, name, ...fields }: SerializedError): Error {
  const error = Object.assign(new Error(message), fields);
  if (typeof name === 'string') error.name = name;
  return error;
}

type Answer = { rows: unknown[]; affectedRows?: number };
type Pending = { resolve: (answer: Answer) => void; reject: (error: Error) => void };

/** One worker thread running PGlite. Once stopped (closed or crashed) it rejects every statement. */
class PgliteThread {
  readonly ready: Promise<void>;
  readonly #worker: Worker;
  readonly #onError: ((error: Error) => void) | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #started = false;
  #closing = false;
  #crash: Error | undefined;
  stopped: Error | null = null;

  constructor({ dataDir, onError, preparedStatements }: PgliteWorkerOptions) {
    this.#onError = onError;
    this.#worker = spawnWorker({ dataDir, prepare: preparedStatements ?? true });
    // like PGlite on the main thread, an idle database does not keep the process alive
    this.#worker.unref();
    this.ready = this.#request(0, null).then(() => {
      this.#started = true;
    });
    this.ready.catch(() => {}); // whoever awaits it sees the error; a statement sent meanwhile fails too
    this.#worker.on('message', (response: WorkerResponse) => this.#answer(response));
    this.#worker.on('error', (error) => {
      this.#crash = error;
    });
    this.#worker.on('exit', (code) => this.#exited(code));
  }

  query(session: number, sql: string, params: readonly unknown[], tx?: 'begin' | 'end'): Promise<Answer> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.#nextId++;
    return this.#request(id, { id, session, sql, params: params as unknown[], ...(tx ? { tx } : {}) });
  }

  /** Ends the thread abruptly, as a crash would (for tests). */
  kill(): Promise<number> {
    return this.#worker.terminate();
  }

  /** Lets the statements already sent finish, closes PGlite, and waits for the thread to end. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.#closing = true;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    const timer = setTimeout(() => void this.#worker.terminate(), 10_000);
    const id = this.#nextId++;
    await this.#request(id, { id, close: true }).catch(() => {});
    await exited;
    clearTimeout(timer);
  }

  #request(id: number, request: WorkerRequest | null): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      if (!request) return; // the start: answered by the worker's first message
      try {
        this.#worker.postMessage(request);
      } catch (error) {
        // a parameter that cannot be cloned (a function, a class with private state)
        this.#settled(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  #settled(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
    return pending;
  }

  #answer(response: WorkerResponse): void {
    const pending = this.#settled(response.id);
    if (!pending) return;
    if ('error' in response) {
      const error = rebuildError(response.error);
      if (response.id === 0) {
        // PGlite could not open: this thread is done
        this.stopped = error;
        void this.#worker.terminate();
      }
      pending.reject(error);
    } else pending.resolve(response as Answer);
  }

  #exited(code: number): void {
    const unexpected = !this.stopped && !this.#closing;
    if (!this.stopped) {
      const message = this.#closing
        ? 'the database is closed'
        : `the database worker stopped (exit code ${code})${this.#crash ? `: ${this.#crash.message}` : ''}`;
      this.stopped = Object.assign(new Error(message, { cause: this.#crash }), {
        code: 'ERR_PGLITE_WORKER_EXITED',
      });
    }
    const error = this.stopped;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of pending) reject(error);
    if (unexpected && this.#started) this.#onError?.(error);
  }
}

let sessions = 0;

/**
 * A logical connection: a session of the worker. Many are open at once; the worker runs their statements in
 * arrival order, and while one's transaction is open, only that one's (worker.ts).
 */
class WorkerConnection implements DatabaseConnection {
  /** the thread a transaction began on: its statements never go to a replacement thread */
  #pinned: PgliteThread | null = null;
  readonly #session = ++sessions;

  constructor(private readonly driver: PgliteWorkerDriver) {}

  async executeQuery<R>(query: CompiledQuery, tx?: 'begin' | 'end'): Promise<QueryResult<R>> {
    const thread = this.#pinned ?? this.driver.thread();
    const { rows, affectedRows } = await thread.query(this.#session, query.sql, query.parameters, tx);
    return affectedRows
      ? { rows: rows as R[], numAffectedRows: BigInt(affectedRows) }
      : { rows: rows as R[] };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0)
      throw new Error('chunkSize must be a positive integer');
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }

  async begin(sql: string): Promise<void> {
    this.#pinned = this.driver.thread();
    try {
      await this.executeQuery(CompiledQuery.raw(sql), 'begin');
    } catch (error) {
      this.#pinned = null;
      throw error;
    }
  }

  async end(sql: 'commit' | 'rollback'): Promise<void> {
    try {
      // the worker died with the transaction: there is nothing left to roll back
      if (sql === 'rollback' && this.#pinned?.stopped) return;
      await this.executeQuery(CompiledQuery.raw(sql), 'end');
    } finally {
      this.#pinned = null;
    }
  }
}

class PgliteWorkerDriver implements Driver {
  #thread: PgliteThread | null = null;
  #destroyed = false;

  constructor(private readonly options: PgliteWorkerOptions) {}

  /** The running thread; after a crash, a new one on the same data directory (PostgreSQL recovers it). */
  thread(): PgliteThread {
    if (this.#destroyed) throw new Error('the database is closed');
    if (!this.#thread || this.#thread.stopped) this.#thread = new PgliteThread(this.options);
    return this.#thread;
  }

  async init(): Promise<void> {
    await this.thread().ready;
  }

  // every caller gets its own session at once: statements outside transactions are pipelined to the worker
  // (no main-thread round trip between them); the worker keeps a transaction's statements to itself
  async acquireConnection(): Promise<DatabaseConnection> {
    return new WorkerConnection(this);
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction';
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) sql += ` ${settings.accessMode}`;
    }
    await (connection as WorkerConnection).begin(sql);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WorkerConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WorkerConnection).end('rollback');
  }

  async destroy(): Promise<void> {
    this.#destroyed = true;
    await this.#thread?.close();
    this.#thread = null;
  }
}

/** Kysely dialect for PGlite running in a worker thread (PostgreSQL's adapter, compiler and introspector). */
export class PgliteWorkerDialect implements Dialect {
  readonly #driver: PgliteWorkerDriver;

  constructor(options: PgliteWorkerOptions) {
    this.#driver = new PgliteWorkerDriver(options);
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return this.#driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own dialects take Kysely<any>
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
