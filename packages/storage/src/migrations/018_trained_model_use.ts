import { type Kysely, sql } from 'kysely';

/**
 * Which trained models were used last, as a counter instead of a time: two uses within the clock's
 * resolution (PGlite's clock counts milliseconds) had the same `used_at`, so pruning could keep an older
 * model and delete a newer one. Each load and save takes the next number of a sequence.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence trained_models_use_seq`.execute(db);
  await db.schema
    .alterTable('trained_models')
    .addColumn('use_order', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('trained_models_use_seq')`))
    .execute();
  // the rows kept so far, in the order their times give
  await sql`
    update trained_models set use_order = ordered.n
    from (select workspace_id, key, nextval('trained_models_use_seq') as n
          from (select workspace_id, key from trained_models order by used_at, key) as by_time) as ordered
    where trained_models.workspace_id = ordered.workspace_id and trained_models.key = ordered.key`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('trained_models').dropColumn('use_order').execute();
  await sql`drop sequence trained_models_use_seq`.execute(db);
}
