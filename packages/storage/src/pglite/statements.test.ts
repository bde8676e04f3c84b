import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERIC_PLAN } from '../planHint.ts';
import { preparedStatements, type Query } from './statements.ts';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Record<string, unknown>) => ({ ...error, message: error.message, name: error.name }),
  );

describe('named prepared statements', () => {
  let db: PGlite;
  let query: Query;

  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
    query = await preparedStatements(db, 3);
    await query('create table t (id serial primary key, k text unique, doc jsonb, at timestamptz)', []);
  });
  afterAll(() => db.close());

  it('returns what query() returns, on the first and on later runs', async () => {
    const statements: Array<[string, unknown[]]> = [
      [
        'insert into t (k, doc, at) values ($1, $2, $3) on conflict (k) do update set doc = excluded.doc returning *',
        ['a', JSON.stringify({ x: [1, '二'] }), new Date('2024-01-02T03:04:05.678Z')],
      ],
      ['update t set doc = doc || $1::jsonb where k = $2', [JSON.stringify({ y: 1 }), 'a']],
      [
        'select row_to_json(t) as j, doc, at, $1::int8 as big, $2::text[] as arr from t where k = $3',
        [12345678901n, ['p', 'q'], 'a'],
      ],
      ['select * from t where k = $1', ['none']],
    ];
    for (const [sql, params] of statements) {
      for (let run = 0; run < 2; run++) {
        const expected = await db.query(sql, params);
        expect(await query(sql, params)).toEqual(expected);
      }
    }
  });

  it('gives the errors query() gives, and keeps working after them, also inside a transaction', async () => {
    const insert = 'insert into t (k) values ($1)';
    await query(insert, ['dup']);
    const mine = await failure(query(insert, ['dup']));
    expect(mine).toEqual(await failure(db.query(insert, ['dup'])));
    expect(mine).toMatchObject({ code: '23505', constraint: 't_k_key', query: insert, params: ['dup'] });
    expect(await failure(query('select nope from t', []))).toEqual(
      await failure(db.query('select nope from t', [])),
    );

    await query('begin', []);
    await query(insert, ['in tx']);
    expect(await failure(query(insert, ['in tx']))).toMatchObject({ code: '23505' });
    expect(await failure(query('select 1', []))).toMatchObject({ code: '25P02' }); // aborted, as always
    await query('rollback', []);
    expect((await query('select count(*)::int as n from t where k = $1', ['in tx'])).rows).toEqual([
      { n: 0 },
    ]);
  });

  it('plans with the parameters: ON CONFLICT … WHERE status IN ($1, $2) finds the partial unique index', async () => {
    await query('create table o (c int, status text)', []);
    await query(`create unique index o_open on o (c) where status in ('bot', 'queued')`, []);
    const upsert =
      'insert into o values ($1, $2) on conflict (c) where status in ($3, $4) do nothing returning c';
    for (let i = 0; i < 12; i++) {
      expect((await query(upsert, [i % 2, 'bot', 'bot', 'queued'])).rows).toEqual(i < 2 ? [{ c: i }] : []);
    }
  });

  it('closes the least recently used statements beyond its limit, and forgets them all after DDL', async () => {
    for (let i = 0; i < 10; i++) await query(`select ${i} as n, k from t where k = $1`, ['a']);
    const named = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]?.n;
    expect(await named()).toBe(3);

    const star = 'select * from t where k = $1';
    expect(Object.keys((await query(star, ['a'])).rows[0] as object)).toEqual(['id', 'k', 'doc', 'at']);
    await query('alter table t add column extra int default 7', []);
    expect(await named()).toBe(0);
    expect((await query(star, ['a'])).rows[0]).toMatchObject({ k: 'a', extra: 7 });
  });

  it('forgets them after a rollback that undid DDL', async () => {
    const star = 'select * from t where k = $1';
    await query('begin', []);
    await query('alter table t add column undone int default 1', []);
    expect((await query(star, ['a'])).rows[0]).toMatchObject({ undone: 1 });
    await query('rollback', []);
    // the statement kept inside the transaction returned a column that no longer exists
    expect((await query(star, ['a'])).rows[0]).not.toHaveProperty('undone');
  });

  it('runs a statement marked for a generic plan with one, and every other statement with custom plans', async () => {
    await query('create table p (id serial primary key, status text not null, k text not null)', []);
    await query("create unique index p_open on p (k) where status in ('a', 'b')", []);
    const marked = `${GENERIC_PLAN} select id from p where k = $1 and status in ('a', 'b')`;
    // only a custom plan, planned with the values, finds the partial unique index (a generic one fails)
    const insert =
      'insert into p (status, k) values ($1, $2) on conflict (k) where status in ($3, $4) do nothing returning id';
    const plans = async (sql: string) =>
      (
        await db.query<{ generic: number; custom: number }>(
          'select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where statement = $1',
          [sql],
        )
      ).rows[0];
    for (let i = 0; i < 3; i++) {
      expect((await query(insert, ['a', `k${i}`, 'a', 'b'])).rows).toHaveLength(1);
      expect((await query(marked, [`k${i}`])).rows).toHaveLength(1);
    }
    expect(await plans(marked)).toEqual({ generic: 3, custom: 0 });
    expect(await plans(insert)).toEqual({ generic: 0, custom: 3 });

    // a rollback undoes the plan mode set inside the transaction: the next statement sets its own again
    // (a rollback also closes the kept statements: their counts start again)
    await query('begin', []);
    await query(insert, ['a', 'in tx', 'a', 'b']); // custom inside the transaction
    await query('rollback', []); // back to the generic mode the marked statement left
    expect((await query(insert, ['b', 'after', 'a', 'b'])).rows).toHaveLength(1);
    expect(await plans(insert)).toEqual({ generic: 0, custom: 1 });
    await query('begin', []);
    await query(marked, ['after']); // generic inside the transaction
    await query('rollback', []);
    expect((await query(marked, ['after'])).rows).toHaveLength(1);
    expect(await plans(marked)).toEqual({ generic: 1, custom: 0 });
  });

  it('sets the plan mode again after a transaction that failed and was committed (a rollback)', async () => {
    const marked = `${GENERIC_PLAN} select id from p where k = $1 and status in ('a', 'b')`;
    const insert =
      'insert into p (status, k) values ($1, $2) on conflict (k) where status in ($3, $4) do nothing returning id';
    await query(marked, ['k0']); // the session is generic
    await query('begin', []);
    await query(insert, ['a', 'lost', 'a', 'b']); // custom, inside the transaction
    expect(await failure(query('select missing from p', []))).toMatchObject({ code: '42703' });
    await query('commit', []); // rolls back: the session is generic again
    expect((await query(insert, ['a', 'kept', 'a', 'b'])).rows).toHaveLength(1);
  });

  it('plans a marked statement again after so many runs, with the table as it is then', async () => {
    const replanning = await preparedStatements(db, 10, { runs: 3, ms: 60_000 });
    const marked = `${GENERIC_PLAN} select id from p where k = $1 and status in ('a', 'b') and id > 0`;
    const names = async () =>
      (
        await db.query<{ name: string; generic: number }>(
          'select name, generic_plans::int as generic from pg_prepared_statements where statement = $1',
          [marked],
        )
      ).rows;
    for (let i = 0; i < 3; i++) await replanning(marked, ['k0']);
    const [first] = await names();
    expect(first?.generic).toBe(3);
    for (let i = 0; i < 2; i++) await replanning(marked, ['k0']);
    const after = await names();
    expect(after).toHaveLength(1); // the old one was closed
    expect(after[0]).toMatchObject({ generic: 2 });
    expect(after[0]?.name).not.toBe(first?.name);
  });
});
