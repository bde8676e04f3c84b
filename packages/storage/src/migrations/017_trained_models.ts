import { type Kysely, sql } from 'kysely';

/**
 * Trained bot models, so a restart (or another server of the deployment) takes a workspace's model instead of
 * training it again. Keyed by what the model was trained on and by which code (the engine's `storedModelKey`);
 * the bytes are the engine's encoded snapshot. Only the newest few per workspace are kept; deleting the
 * workspace deletes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trained_models')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('trained_models_pkey', ['workspace_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('trained_models').execute();
}
