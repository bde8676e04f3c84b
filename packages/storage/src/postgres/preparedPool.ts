// PostgreSQL through `pg`: Kysely sends every statement as an unnamed Parse, so the server parses, analyses,
// rewrites and plans it anew at every execution. For the message path's CTEs that is more than half of their
// cost in PostgreSQL (planning alone 0.7 ms of the customer message's 1.3 ms; pg_stat_statements with
// track_planning, docs/benchmarks.md "Session 16"). A statement marked GENERIC_PLAN (planHint.ts) runs here as a
// named prepared statement instead: parsed once per connection, then only bound and executed, and after five
// executions with custom plans PostgreSQL's plan cache keeps a generic plan when it costs no more. Only marked
// statements are named: they are written so that a generic plan is valid (every partial-index predicate and
// ON CONFLICT target in literals); an unmarked statement built by Kysely may not be, and keeps the unnamed path.
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { GENERIC_PLAN } from '../planHint.ts';

/** The name of a marked statement: derived from its text, so one text always has one name on every connection. */
export function statementName(text: string): string {
  return `t_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

/** PostgreSQL's code for "cached plan must not change result type" (feature_not_supported) */
const STALE_PLAN = '0A000';

function isMarked(text: string): boolean {
  return text.trimStart().startsWith(GENERIC_PLAN);
}

/** `pool` as Kysely's PostgresDialect takes it, running marked statements as named prepared statements. */
export function preparedPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = statementName(text);
      names.set(text, name);
    }
    return name;
  };
  // one wrapper per pooled connection, so Kysely (which keys its connection objects by client) reuses them
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const known = wrappers.get(client);
      if (known) return known;
      /** set when this connection's prepared statements are stale: the pool then replaces it on release */
      let stale: Error | undefined;
      const query = (textOrCursor: unknown, values?: ReadonlyArray<unknown>): unknown => {
        if (typeof textOrCursor === 'string' && isMarked(textOrCursor)) {
          return client
            .query({ name: nameOf(textOrCursor), text: textOrCursor, values: values ? [...values] : [] })
            .catch((error: unknown) => {
              // another process's migration changed what the statement returns ("cached plan must not
              // change result type"): this statement fails, and the connection is dropped when released,
              // so the next one prepares the statement afresh
              if ((error as { code?: unknown }).code === STALE_PLAN) stale = error as Error;
              throw error;
            });
        }
        return (client.query as (a: unknown, b?: unknown) => unknown)(
          textOrCursor,
          values ? [...values] : undefined,
        );
      };
      const release = () => {
        if (!stale) return client.release();
        wrappers.delete(client);
        client.release(stale);
      };
      const wrapper = { query, release } as PostgresPoolClient;
      wrappers.set(client, wrapper);
      return wrapper;
    },
    end: () => pool.end(),
  };
}
