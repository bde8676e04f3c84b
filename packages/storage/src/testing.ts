import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, dumpPglite, migrateToLatest, openDatabase } from './database.ts';

/** 'pglite' runs on the test's thread (in a worker with TEST_PGLITE_THREAD=worker), 'pglite-worker' always in a worker. */
export type TestDriver = 'pglite' | 'pglite-worker' | 'postgres';

/** The PostgreSQL server tests use (this machine's by default; see DEVELOPERS.md). */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let migrated: Promise<Blob> | null = null;

/**
 * A dump of an empty in-memory PGlite database with every migration applied, made once per process: a test
 * database loaded from it skips initdb and the migrations (about two thirds of opening one). It leaves out the
 * template databases' files (see `dumpPglite`).
 */
export function migratedPglite(): Promise<Blob> {
  migrated ??= (async () => {
    const db = await openDatabase({ driver: 'pglite', dataDir: null, thread: 'main' });
    try {
      await migrateToLatest(db);
      return await dumpPglite(db, { withoutTemplates: true });
    } finally {
      await db.destroy();
    }
  })();
  return migrated;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new throw-away database on the
 * real PostgreSQL server (dropped again by `cleanup`).
 */
export async function openTestDatabase(
  driver: TestDriver,
): Promise<{ db: Db; url: string | null; cleanup: () => Promise<void> }> {
  if (driver === 'pglite' || driver === 'pglite-worker') {
    const thread =
      driver === 'pglite-worker' || process.env.TEST_PGLITE_THREAD === 'worker' ? 'worker' : 'main';
    const db =
      thread === 'main'
        ? await openDatabase({ driver: 'pglite', dataDir: null, loadDataDir: await migratedPglite() })
        : await openDatabase({ driver: 'pglite', dataDir: null, thread });
    await migrateToLatest(db);
    return { db, url: null, cleanup: () => db.destroy() };
  }
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ driver: 'postgres', url: url.toString(), poolSize: 5 });
  await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    cleanup: async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
