import { PGlite, parse, protocol } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toResults } from './results.ts';

const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

describe('rows from the backend’s answers', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.exec(`create table r (id serial primary key, doc jsonb, at timestamptz, n int8, tags text[], note text);
      insert into r (doc, at, n, tags, note) values
        ('{"a":[1,"二"]}', '2024-01-02T03:04:05.678Z', 12345678901, '{x,y}', null),
        (null, null, null, null, 'only a note');`);
  });
  afterAll(() => db.close());

  /** The messages of one round trip: simple-query text first (like the plan-mode switch), then a statement. */
  const answer = async (sql: string, values: Array<string | null> = [], before = 'select 1') =>
    (
      await db.execProtocol(
        concat([
          serialize.query(before),
          serialize.parse({ text: sql }),
          serialize.bind({ values }),
          serialize.describe({ type: 'P' }),
          serialize.execute({}),
          serialize.sync(),
        ]),
      )
    ).messages;

  it('gives what PGlite’s own parser gives, for every result of the round trip', async () => {
    for (const [sql, values, before] of [
      ['select *, row_to_json(r) as j from r order by id', [], 'select 1'],
      ['update r set note = $1 where id > 0', ['x'], 'set plan_cache_mode = force_custom_plan'],
      ['insert into r (note) values ($1), ($1) returning id, note', ['two'], 'select 1'],
      ['delete from r where note = $1', ['two'], 'select 1'],
      ['select 1 as "__proto__", 2 as "constructor", null::jsonb as "nothing"', [], 'select 1'],
      ['select * from r where id < 0', [], 'select 1'],
    ] as Array<[string, string[], string]>) {
      const messages = await answer(sql, values, before);
      expect(toResults(messages, db.parsers)).toEqual(parse.parseResults(messages, db.parsers));
    }
  });

  it('keeps a column named like a built-in property as an own property of the row', async () => {
    const [, result] = toResults(await answer('select 1 as "__proto__"'), db.parsers);
    const row = result?.rows[0] as Record<string, unknown>;
    expect(Object.hasOwn(row, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('answers one empty result when the backend sent no command', () => {
    expect(toResults([], db.parsers)).toEqual([{ affectedRows: 0, rows: [], fields: [] }]);
  });
});
