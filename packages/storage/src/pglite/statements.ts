// Named prepared statements for the worker (worker.ts): PGlite's query() sends an unnamed Parse every time,
// so PostgreSQL parses, analyses, rewrites and plans each statement anew — for the message path's CTEs
// that is most of their cost. Here each DML text is parsed once into a named statement (kept per SQL text,
// least recently used ones closed beyond a limit) and then only bound and executed. Plans stay custom
// (plan_cache_mode = force_custom_plan), planned with the parameters' values as query() plans them: a generic
// plan could differ, even fail (ON CONFLICT (…) WHERE status IN ($1, $2) cannot infer the partial unique
// index without the values). A statement marked with GENERIC_PLAN (planHint.ts) runs with a generic plan
// instead, planned once: for the message path's two statements that halved the embedded database's time per
// customer message and bot reply in docs/benchmarks.md ("Session 14"); the session's plan_cache_mode is switched
// in the same round trip, only when the statement asks for the other mode. Parameters are serialised and rows parsed exactly as query()
// does (the statement's parameter types, PGlite's serializers and parsers), and errors carry the same
// fields, plus `query` and `params` as PGlite adds them.
import { type PGlite, parse, protocol, type Results } from '@electric-sql/pglite';
import { GENERIC_PLAN } from '../planHint.ts';

const { serialize } = protocol;

/** Statements worth keeping: plain DML (after the generic-plan mark, if any). Anything else goes through query(). */
const DML = /^\s*(\/\* generic plan \*\/\s*)?(select|insert|update|delete|with)\b/i;
/** Transaction control leaves the schema alone; any other non-DML statement (DDL, SET, …) may change it. */
const TRANSACTION_CONTROL = /^\s*(begin|start|commit|end|rollback|abort|savepoint|release)\b/i;
const ROLLBACK = /^\s*(rollback|abort)\b/i;
const GENERIC = serialize.query('set plan_cache_mode = force_generic_plan');
const CUSTOM = serialize.query('set plan_cache_mode = force_custom_plan');

type Message = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export type Query = (sql: string, params: unknown[]) => Promise<Results>;

export async function preparedStatements(db: PGlite, limit = 200): Promise<Query> {
  await db.exec('set plan_cache_mode = force_custom_plan');
  /** the session's plan_cache_mode as last set here; null when unknown (after an error, a rollback, a SET) */
  let mode: 'generic' | 'custom' | null = 'custom';
  const cache = new Map<string, { name: string; types: number[] }>(); // in order of last use
  let counter = 0;

  /** Runs protocol messages (ending with Sync) and returns the backend's answers; throws its error. */
  const run = async (parts: Uint8Array[]): Promise<Message[]> =>
    (await db.execProtocol(concat(parts), { syncToFs: false })).messages;

  async function prepare(sql: string): Promise<{ name: string; types: number[] }> {
    const name = `tandem_${++counter}`;
    const messages = await run([
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]);
    const statement = { name, types: parse.parseDescribeStatementResults(messages) };
    cache.set(sql, statement);
    if (cache.size > limit) {
      const [oldest, { name: closed }] = cache.entries().next().value as [string, { name: string }];
      cache.delete(oldest);
      await run([serialize.close({ type: 'S', name: closed }), serialize.sync()]);
    }
    return statement;
  }

  async function forget(): Promise<void> {
    if (cache.size === 0) return;
    const names = [...cache.values()].map(({ name }) => name);
    cache.clear();
    await run([...names.map((name) => serialize.close({ type: 'S', name })), serialize.sync()]);
  }

  /** Like db.query(sql, params), through a named statement when the statement is DML. */
  return async function query(sql, params) {
    if (!DML.test(sql)) {
      if (!TRANSACTION_CONTROL.test(sql) || ROLLBACK.test(sql)) mode = null; // (a rollback undoes a SET)
      const result = await db.query<Results['rows'][number]>(sql, params);
      // after DDL a kept statement could now return other columns ("cached plan must not change result type")
      // (a rollback may undo DDL the transaction ran, so the kept statements go then too)
      if (!TRANSACTION_CONTROL.test(sql) || ROLLBACK.test(sql)) await forget();
      return result;
    }
    try {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
        cache.set(sql, statement);
      } else statement = await prepare(sql);
      const types = statement.types;
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = db.serializers[types[i] as number];
        return serializer ? serializer(value) : String(value);
      });
      const execute = [
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ];
      // the plan mode this statement asks for, set in the same round trip when the session has another
      const want = sql.startsWith(GENERIC_PLAN) ? 'generic' : 'custom';
      const switching = mode !== want;
      mode = null; // until it has run
      const messages = await run(switching ? [want === 'generic' ? GENERIC : CUSTOM, ...execute] : execute);
      mode = want;
      await db.syncToFs();
      return parse.parseResults(messages, db.parsers)[switching ? 1 : 0] as Results;
    } catch (error) {
      if (error instanceof Error && 'severity' in error) Object.assign(error, { query: sql, params });
      throw error;
    }
  };
}
