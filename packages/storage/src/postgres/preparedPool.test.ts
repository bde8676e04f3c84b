import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../database.ts';
import { GENERIC_PLAN } from '../planHint.ts';
import { openTestDatabase } from '../testing.ts';
import { statementName } from './preparedPool.ts';

/** On the real PostgreSQL server: marked statements become named prepared statements, others stay unnamed. */
describe('prepared statements on PostgreSQL', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase('postgres'));
  });
  afterAll(() => cleanup());

  /** The statements prepared on the connection a transaction holds, as PostgreSQL lists them. */
  const preparedOnConnection = (run: (tx: Db) => Promise<unknown>) =>
    db.transaction().execute(async (tx) => {
      await run(tx);
      const { rows } = await sql<{
        name: string;
        statement: string;
        generic_plans: string;
        custom_plans: string;
      }>`select name, statement, generic_plans::text, custom_plans::text from pg_prepared_statements`.execute(
        tx,
      );
      return rows;
    });

  it('prepares a marked statement once per connection and runs it with the values of each call', async () => {
    const text = sql<{
      n: number;
      label: string;
    }>`${sql.raw(GENERIC_PLAN)} select ${1}::int + 1 as n, ${'a'}::text as label`;
    const marked = (n: number, label: string) =>
      sql<{
        n: number;
        label: string;
      }>`${sql.raw(GENERIC_PLAN)} select ${n}::int + 1 as n, ${label}::text as label`;
    const compiled = text.compile(db).sql;
    const rows = await preparedOnConnection(async (tx) => {
      for (let i = 0; i < 8; i++) {
        const { rows: result } = await marked(i, `x${i}`).execute(tx);
        expect(result).toEqual([{ n: i + 1, label: `x${i}` }]);
      }
    });
    const mine = rows.filter((row) => row.name === statementName(compiled));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.statement).toBe(compiled);
    // eight runs of one prepared statement: after five custom plans PostgreSQL keeps the generic one
    expect(Number(mine[0]?.generic_plans) + Number(mine[0]?.custom_plans)).toBe(8);
    expect(Number(mine[0]?.generic_plans)).toBeGreaterThan(0);
  });

  it('leaves unmarked statements unnamed', async () => {
    const rows = await preparedOnConnection(async (tx) => {
      await sql`select ${1}::int as n`.execute(tx);
    });
    expect(rows.some((row) => row.statement.includes('select $1::int as n'))).toBe(false);
  });

  it('reports a failing marked statement as an error and keeps the connection usable', async () => {
    const failing = sql`${sql.raw(GENERIC_PLAN)} select 1 / ${0}::int as n`;
    await expect(failing.execute(db)).rejects.toThrow(/division by zero/);
    const { rows } = await sql<{ n: number }>`${sql.raw(GENERIC_PLAN)} select ${2}::int as n`.execute(db);
    expect(rows).toEqual([{ n: 2 }]);
  });
});

describe('a prepared statement after another process changed its table', () => {
  let db: Db;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openTestDatabase('postgres');
    ({ db, cleanup } = opened);
    url = opened.url as string;
    await sql`create table counters (id int primary key, n int not null)`.execute(db);
    await sql`insert into counters values (1, 7)`.execute(db);
  });
  afterAll(() => cleanup());

  it('fails once on the stale connection, which the pool then replaces', async () => {
    const read = (n: number) =>
      sql<{ n: number | string }>`${sql.raw(GENERIC_PLAN)} select n from counters where id = ${n}`;
    // prepared on one connection, held for both runs
    await db.connection().execute(async (conn) => {
      expect((await read(1).execute(conn)).rows).toEqual([{ n: 7 }]);
      expect((await read(1).execute(conn)).rows).toEqual([{ n: 7 }]);
    });
    // what a rolling deploy's migration does from another process
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('alter table counters alter column n type int8');
    await other.end();
    // the pool hands back the same idle connection: its copy of the statement is stale
    await expect(db.connection().execute((conn) => read(1).execute(conn))).rejects.toMatchObject({
      code: '0A000',
    });
    // that connection was dropped: the next one prepares the statement again and reads the new type
    const { rows } = await read(1).execute(db);
    expect(rows).toEqual([{ n: '7' }]);
  });
});
