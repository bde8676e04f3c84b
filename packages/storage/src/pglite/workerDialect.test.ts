import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../database.ts';
import { createStore } from '../store.ts';
import { openTestDatabase } from '../testing.ts';
import { PgliteWorkerDialect } from './workerDialect.ts';

type Row = Record<string, unknown>;
const rows = async <D>(db: Kysely<D>, query: ReturnType<typeof sql>) =>
  (await query.execute(db)).rows as Row[];

/** What a statement's rejection carries, for comparing the two threads. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Record<string, unknown>) => ({
      isError: error instanceof Error,
      name: error.name,
      message: error.message,
      code: error.code,
      severity: error.severity,
      detail: error.detail,
      constraint: error.constraint,
      table: error.table,
    }),
  );

describe('PGlite in a worker thread', () => {
  let db: Db;
  let main: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase('pglite-worker'));
    main = await openDatabase({ driver: 'pglite', dataDir: null, thread: 'main' });
    for (const target of [db, main]) {
      await sql`create table t (id serial primary key, k text unique, doc jsonb, at timestamptz default now())`.execute(
        target,
      );
    }
  });
  afterAll(async () => {
    await main.destroy();
    await cleanup();
  });

  it('gives the same rows, types and errors as PGlite on the main thread', async () => {
    const queries = [
      sql`insert into t (k, doc, at) values ('a', ${JSON.stringify({ x: [1, '二', null], y: { z: true } })}, '2024-05-06T07:08:09.123Z') returning *`,
      sql`select row_to_json(t) as json, t.doc, t.at, 12345678901::int8 as big, 1.5::numeric as num,
            '\\x0102'::bytea as bin, array[1,2] as arr, '{"a":1}'::json as plain, null::text as nothing from t`,
      sql`update t set doc = doc || '{"n":2}'::jsonb where k = 'a'`,
      sql`select doc, at from t where k = ${'a'}`,
    ];
    for (const query of queries) {
      const [inWorker, onMain] = [await query.execute(db), await query.execute(main)];
      expect(inWorker).toEqual(onMain);
    }
    const [selected] = await rows(db, sql`select doc, at, row_to_json(t) as json from t`);
    expect(selected?.doc).toEqual({ x: [1, '二', null], y: { z: true }, n: 2 });
    expect(selected?.at).toBeInstanceOf(Date);
    expect(selected?.at).toEqual(new Date('2024-05-06T07:08:09.123Z'));
    expect(selected?.json).toMatchObject({ k: 'a', doc: { n: 2 } });
    const update = await sql`update t set k = k where true`.execute(db);
    expect(update.numAffectedRows).toBe(1n);

    const duplicate = sql`insert into t (k) values ('a')`;
    const [workerError, mainError] = [
      await failure(duplicate.execute(db)),
      await failure(duplicate.execute(main)),
    ];
    expect(workerError).toEqual(mainError);
    expect(workerError).toMatchObject({
      isError: true,
      code: '23505',
      severity: 'ERROR',
      constraint: 't_k_key',
    });
    expect(await failure(sql`select nope from t`.execute(db))).toMatchObject({ code: '42703' });
  });

  it('commits and rolls back transactions', async () => {
    await db.transaction().execute((trx) => sql`insert into t (k) values ('committed')`.execute(trx));
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into t (k) values ('rolled back')`.execute(trx);
        await sql`insert into t (k) values ('committed')`.execute(trx); // 23505
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await rows(db, sql`select k from t where k in ('committed', 'rolled back')`)).toEqual([
      { k: 'committed' },
    ]);
  });

  it('serialises concurrent statements and never interleaves them with a transaction', async () => {
    await sql`create table seq (n serial primary key, who text not null)`.execute(db);
    const inserted = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        rows(db, sql`insert into seq (who) values (${`c${i}`}) returning n`).then((r) => r[0]?.n as number),
      ),
    );
    expect([...inserted].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    // a transaction's statements run back to back: the outside reads, sent while it is open, see it
    // only once committed, or not at all when rolled back
    const order: string[] = [];
    const committed = db.transaction().execute(async (trx) => {
      await sql`insert into seq (who) values ('tx')`.execute(trx);
      order.push('tx inserted');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await sql`insert into seq (who) values ('tx')`.execute(trx);
      order.push('tx done');
    });
    const outside = rows(db, sql`select count(*)::int as c from seq where who = 'tx'`).then((r) => {
      order.push('outside read');
      return r[0]?.c;
    });
    await committed;
    expect(await outside).toBe(2);
    expect(order).toEqual(['tx inserted', 'tx done', 'outside read']);

    const rolledBack = db.transaction().execute(async (trx) => {
      await sql`insert into seq (who) values ('gone')`.execute(trx);
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('changed my mind');
    });
    const read = rows(db, sql`select count(*)::int as c from seq where who = 'gone'`);
    await expect(rolledBack).rejects.toThrow('changed my mind');
    expect((await read)[0]?.c).toBe(0);
  });

  it('runs the store: concurrent appends get consecutive sequence numbers', async () => {
    const { db: storeDb, cleanup: close } = await openTestDatabase('pglite-worker');
    try {
      const store = createStore(storeDb);
      const workspaceId = await store.setup.createWorkspace({ slug: 'w', name: 'W' });
      const contact = await store.contacts.create({
        workspaceId,
        tokenHash: 'h',
        name: null,
        lang: 'zh',
        attributes: { vip: 'gold' },
      });
      const conversation = await store.conversations.createOpen({
        workspaceId,
        contactId: contact.id,
        channel: 'widget',
        botState: {},
      });
      if (!conversation) throw new Error('no conversation');
      const appended = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          store.messages.append({
            conversationId: conversation.id,
            workspaceId,
            authorKind: 'customer',
            authorId: null,
            clientId: `client-${String(i).padStart(4, '0')}`,
            text: `第${i}条`,
          }),
        ),
      );
      const seqs = appended.map((r) => r.message.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect((await store.contacts.findById(contact.id))?.attributes).toEqual({ vip: 'gold' });
    } finally {
      await close();
    }
  });
});

describe('the worker with a data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pglite-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps committed data across a close, a crash and the main-thread driver', async () => {
    const errors: Error[] = [];
    const dialect = new PgliteWorkerDialect({ dataDir: dir, onError: (error) => errors.push(error) });
    const db = new Kysely<unknown>({ dialect });
    await sql`create table kept (k text primary key)`.execute(db);
    await sql`insert into kept values ('before crash')`.execute(db);

    // a crash: statements in flight fail, the crash is reported, the next statement starts a new worker
    const thread = (dialect.createDriver() as unknown as { thread(): { kill(): Promise<number> } }).thread();
    const inTransaction = db.transaction().execute(async (trx) => {
      await sql`insert into kept values ('in the lost transaction')`.execute(trx);
      await thread.kill();
      await sql`insert into kept values ('never')`.execute(trx);
    });
    await expect(inTransaction).rejects.toMatchObject({ code: 'ERR_PGLITE_WORKER_EXITED' });
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('database worker stopped')]);
    expect(await rows(db, sql`select k from kept`)).toEqual([{ k: 'before crash' }]);
    await sql`insert into kept values ('after crash')`.execute(db);

    // closed cleanly: the thread ends, later statements are refused
    await db.destroy();
    await expect(sql`select 1`.execute(db)).rejects.toThrow();

    for (const thread of ['worker', 'main'] as const) {
      const reopened = await openDatabase({ driver: 'pglite', dataDir: dir, thread });
      expect((await rows(reopened, sql`select k from kept order by k`)).map((r) => r.k)).toEqual([
        'after crash',
        'before crash',
      ]);
      await reopened.destroy();
    }
    expect(errors).toHaveLength(1);
  });

  it('throws from openDatabase when PGlite cannot open', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'PG_VERSION'), '99\n');
    await expect(openDatabase({ driver: 'pglite', dataDir: bad, thread: 'worker' })).rejects.toThrow(
      'PGlite failed to initialize',
    );
  });
});
