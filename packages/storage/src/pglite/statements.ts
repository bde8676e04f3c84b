// Named prepared statements for the worker (worker.ts): PGlite's query() sends an unnamed Parse every time,
// so PostgreSQL parses, analyses, rewrites and plans each statement anew — for the message path's CTEs
// that is most of their cost. Here each DML text is parsed once into a named statement (kept per SQL text,
// least recently used ones closed beyond a limit) and then only bound and executed. Plans stay custom
// (plan_cache_mode = force_custom_plan), planned with the parameters' values as query() plans them: a generic
// plan could differ, even fail (ON CONFLICT (…) WHERE status IN ($1, $2) cannot infer the partial unique
// index without the values). A statement marked with GENERIC_PLAN (planHint.ts) runs with a generic plan
// instead, planned once and not at every execution: less than half the CPU per customer message and bot reply
// (`npm run bench:db`, docs/benchmarks.md). The session's plan_cache_mode is switched in the same round trip,
// only when the statement wants the other mode. PGlite never analyses tables, so a generic plan made while a
// table was small (a sequential scan) would stay as the table grows: a marked statement is planned again
// after REPLAN.runs executions or REPLAN.ms. Parameters are serialised and rows parsed exactly as query()
// does (the statement's parameter types, PGlite's serializers and parsers), and errors carry the same
// fields, plus `query` and `params` as PGlite adds them.
import { type PGlite, parse, protocol, type Results } from '@electric-sql/pglite';
import { toResults } from './results.ts';

const { serialize } = protocol;

/** A statement marked for a generic plan (planHint.ts). */
const MARKED = /^\s*\/\* generic plan \*\//;
/** Statements worth keeping: plain DML (after the generic-plan mark, if any). Anything else goes through query(). */
const DML = /^\s*(\/\* generic plan \*\/\s*)?(select|insert|update|delete|with)\b/i;
/** Transaction control leaves the schema alone; any other non-DML statement (DDL, SET, …) may change it. */
const TRANSACTION_CONTROL = /^\s*(begin|start|commit|end|rollback|abort|savepoint|release)\b/i;
const ROLLBACK = /^\s*(rollback|abort)\b/i;
/** When a generic plan is made again (see the top of this file). */
export const REPLAN = { runs: 1000, ms: 60_000 };
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

interface Statement {
  name: string;
  types: number[];
  generic: boolean;
  runs: number;
  preparedAt: number;
}

export async function preparedStatements(db: PGlite, limit = 200, replan = REPLAN): Promise<Query> {
  await db.exec('set plan_cache_mode = force_custom_plan');
  /**
   * The session's plan_cache_mode as last set here; null when unknown: after an error, and after any statement
   * that is not DML (a SET; a rollback, or a COMMIT that rolls back a failed transaction, undoes a SET).
   */
  let mode: 'generic' | 'custom' | null = 'custom';
  const cache = new Map<string, Statement>(); // in order of last use
  let counter = 0;

  /** Runs protocol messages (ending with Sync) and returns the backend's answers; throws its error. */
  const run = async (parts: Uint8Array[]): Promise<Message[]> =>
    (await db.execProtocol(concat(parts), { syncToFs: false })).messages;

  async function prepare(sql: string): Promise<Statement> {
    const name = `tandem_${++counter}`;
    const messages = await run([
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]);
    const statement: Statement = {
      name,
      types: parse.parseDescribeStatementResults(messages),
      generic: MARKED.test(sql),
      runs: 0,
      preparedAt: Date.now(),
    };
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
      mode = null;
      const result = await db.query<Results['rows'][number]>(sql, params);
      // after DDL a kept statement could now return other columns ("cached plan must not change result type")
      // (a rollback may undo DDL the transaction ran, so the kept statements go then too)
      if (!TRANSACTION_CONTROL.test(sql) || ROLLBACK.test(sql)) await forget();
      return result;
    }
    const current = mode;
    mode = null; // until it has run
    try {
      let statement = cache.get(sql);
      if (statement) cache.delete(sql);
      if (
        statement?.generic &&
        (statement.runs >= replan.runs || Date.now() - statement.preparedAt > replan.ms)
      ) {
        // planned again with the tables as they are now
        await run([serialize.close({ type: 'S', name: statement.name }), serialize.sync()]);
        statement = undefined;
      }
      if (statement) cache.set(sql, statement);
      else statement = await prepare(sql);
      statement.runs++;
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
      const want = statement.generic ? 'generic' : 'custom';
      const switching = current !== want;
      const messages = await run(switching ? [want === 'generic' ? GENERIC : CUSTOM, ...execute] : execute);
      mode = want;
      await db.syncToFs();
      return toResults(messages, db.parsers)[switching ? 1 : 0] as Results;
    } catch (error) {
      if (error instanceof Error && 'severity' in error) Object.assign(error, { query: sql, params });
      throw error;
    }
  };
}
