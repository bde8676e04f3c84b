import { type Kysely, sql } from 'kysely';

/**
 * Versions of knowledge entries: every create, update, delete, enable, disable and rollback of an FAQ entry
 * is a row with the whole entry as it was after the change (for a delete, as it was when deleted), who made
 * it and when. Entries can be switched off (`enabled`): kept and versioned, not answered from. Entries that
 * existed before get a version 1 (`create`) with their current content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('knowledge_entries')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createTable('knowledge_versions')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) =>
      c.notNull().check(sql`change in ('create','update','delete','enable','disable','rollback')`),
    )
    .addColumn('via', 'text', (c) => c.notNull().defaultTo('edit').check(sql`via in ('edit','import')`))
    .addColumn('restored_from', 'integer')
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('knowledge_versions_pkey', ['workspace_id', 'entry_id', 'version'])
    .execute();
  // the workspace's recent changes (activity view), newest first
  await db.schema
    .createIndex('knowledge_versions_recent_idx')
    .on('knowledge_versions')
    .columns(['workspace_id', 'created_at desc'])
    .execute();
  await sql`
    insert into knowledge_versions (workspace_id, entry_id, version, change, snapshot, created_at)
    select workspace_id, id, 1, 'create',
           jsonb_build_object('id', id, 'category', category, 'questions', questions, 'answer', answer,
                              'related', related, 'enabled', enabled),
           updated_at
    from knowledge_entries`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('knowledge_versions').ifExists().execute();
  await db.schema.alterTable('knowledge_entries').dropColumn('enabled').execute();
}
