import { type Kysely, sql } from 'kysely';

/** Versioned bot definitions (flows, rules, settings) per workspace, and conversation insights (emotion, tags). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bot_definitions')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('flow','rules','settings')`))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('json','yaml')`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('bot_definitions_pkey', ['workspace_id', 'kind', 'key', 'version'])
    .execute();
  await db.schema
    .createTable('bot_definition_heads')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('active_version', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('bot_definition_heads_pkey', ['workspace_id', 'kind', 'key'])
    .execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('emotion', 'jsonb')
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.alterTable('messages').addColumn('meta', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('meta').execute();
  await db.schema.alterTable('conversations').dropColumn('emotion').dropColumn('tags').execute();
  await db.schema.dropTable('bot_definition_heads').ifExists().execute();
  await db.schema.dropTable('bot_definitions').ifExists().execute();
}
