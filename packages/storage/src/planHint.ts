/**
 * A statement whose text starts with this comment asks for a generic plan: on the embedded database
 * (pglite/statements.ts) it is planned once for any parameter values and then only executed, instead of being
 * planned again at every execution. Only for hand-written statements on the hot path whose best plan does not
 * depend on their parameters: every partial-index predicate and ON CONFLICT target they rely on is written in
 * literals. On PostgreSQL (postgres/preparedPool.ts) such a statement runs as a named prepared statement, parsed
 * once per connection; PostgreSQL's plan cache then keeps a generic plan. Its output columns should have fixed
 * types (json, or a cast), so that a migration run by another process cannot change its result type.
 */
export const GENERIC_PLAN = '/* generic plan */';
