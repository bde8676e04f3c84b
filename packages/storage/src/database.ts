import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import { withoutFilesIn } from './pglite/dumpArchive.ts';
import { PGLITE_START_PARAMS } from './pglite/startParams.ts';
import { preparedStatements, type Query } from './pglite/statements.ts';
import { PgliteWorkerDialect } from './pglite/workerDialect.ts';
import { preparedPool } from './postgres/preparedPool.ts';
import type { Database } from './schema.ts';

export type DatabaseConfig =
  | {
      driver: 'pglite';
      dataDir: string | null;
      /**
       * where PGlite runs: 'worker' (its own thread, so SQL never blocks the event loop that serves sockets
       * and the bot) or 'main'. Default: 'worker' with a data directory, 'main' in memory (tests).
       */
      thread?: 'worker' | 'main';
      /**
       * start from this dump of a database (PGlite's `dumpDataDir`) instead of an empty one: tests start each
       * server from one migrated, seeded database rather than running initdb, every migration and the seed
       * again. In memory on the main thread only.
       */
      loadDataDir?: Blob;
    }
  | { driver: 'postgres'; url: string; poolSize?: number };

export type Db = Kysely<Database>;

/** Opens the database (embedded PGlite by default, PostgreSQL when configured). */
export async function openDatabase(
  config: DatabaseConfig,
  options: { onConnectionError?: (error: Error) => void } = {},
): Promise<Db> {
  if (config.driver === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    // an idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on next use
    pool.on('error', (error) => options.onConnectionError?.(error));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparedPool(pool) }) });
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const thread = config.thread ?? (config.dataDir ? 'worker' : 'main');
  if (config.loadDataDir && (thread === 'worker' || config.dataDir)) {
    throw new Error('loadDataDir: only for an in-memory PGlite on the main thread');
  }
  if (thread === 'worker') {
    const open = async () => {
      const dialect = new PgliteWorkerDialect({
        dataDir: config.dataDir,
        onError: options.onConnectionError,
      });
      const db = new Kysely<Database>({ dialect });
      try {
        await sql`select 1`.execute(db); // PGlite has opened (or its error is thrown here, as on the main thread)
      } catch (error) {
        await db.destroy();
        throw error;
      }
      return db;
    };
    // Creating a database (initdb) leaves hundreds of MB of WebAssembly memory behind, which never shrinks:
    // a new data directory is created by a worker that then ends, and the one that serves opens it afresh.
    if (config.dataDir && !existsSync(join(config.dataDir, 'PG_VERSION'))) await (await open()).destroy();
    return open();
  }
  // PGlite ignores loadDataDir when a data directory argument (even undefined) comes first
  const client = config.loadDataDir
    ? new PGlite({ loadDataDir: config.loadDataDir, startParams: PGLITE_START_PARAMS })
    : new PGlite(config.dataDir ?? undefined, { startParams: PGLITE_START_PARAMS });
  await client.waitReady;
  // statements as the worker thread runs them (pglite/statements.ts): each SQL text is parsed and planned
  // once, which also took about a third off the CPU of every statement here
  const query = await preparedStatements(client);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(withQuery(client, query)) });
  mainThreadClients.set(db, client);
  return db;
}

/** The client as the Kysely dialect sees it (it calls `query` and `close`): its `query` is `query`. */
function withQuery(client: PGlite, query: Query): PGlite {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** PGlite clients of the databases opened on the main thread, for `dumpPglite`. */
const mainThreadClients = new WeakMap<Db, PGlite>();

/**
 * A dump whose bytes are read once: PGlite reads a `loadDataDir` dump with `arrayBuffer()`, which on Node 20
 * pulls a Blob in chunks and joins them (about 270 ms for the 42 MB demo dump; even a plain copy took about
 * 120 ms in a test process). A dump is loaded for every test database and test server, so each gets these
 * same bytes: PGlite only reads them (it copies each file of the archive into its own file system).
 */
class DumpBlob extends Blob {
  readonly #bytes: ArrayBuffer;
  constructor(bytes: ArrayBuffer) {
    super([bytes]);
    this.#bytes = bytes;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes);
  }
}

/**
 * A dump of a PGlite database opened on the main thread (what `loadDataDir` starts from). `withoutTemplates`
 * leaves out the files of the cluster's other databases (template0 and template1, which nothing in Tandem
 * opens): half of the archive's 1,200 files, whose copying into PGlite's file system was about a third of
 * opening a test database (`npm run bench:dump` compares the two). A database loaded from such a dump works
 * as before, but cannot run `CREATE DATABASE` (it copies template1), and the templates' sizes read as null:
 * for test databases only.
 */
export async function dumpPglite(db: Db, options: { withoutTemplates?: boolean } = {}): Promise<Blob> {
  const client = mainThreadClients.get(db);
  if (!client) throw new Error('dumpPglite: not a PGlite database on the main thread');
  const others = await client.query<{ oid: number }>(
    'select oid::int as oid from pg_database where datname <> current_database()',
  );
  const dump = new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
  if (!options.withoutTemplates) return new DumpBlob(dump.buffer as ArrayBuffer);
  const slim = withoutFilesIn(
    dump,
    others.rows.map((row) => `base/${row.oid}`),
  );
  return new DumpBlob(slim.buffer as ArrayBuffer);
}

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
