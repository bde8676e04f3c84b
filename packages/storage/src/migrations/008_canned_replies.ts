import { type Kysely, sql } from 'kysely';

/**
 * Canned replies (快捷回复): texts staff insert by typing "/" and a shortcut. Each is personal (its owner's),
 * a team's (its members') or the whole workspace's; a shortcut is unique, ignoring case, among the replies of
 * one owner, one team, or the workspace.
 *
 * Also: conversation search walks a workspace's conversations newest activity first (and pages by last
 * activity and id), so it gets an index in that order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('canned_replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('personal', 'team', 'workspace')`))
    .addColumn('owner_user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.check(sql`lang in ('zh', 'en')`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'canned_replies_owner_check',
      sql`(scope = 'personal' and owner_user_id is not null and team_id is null)
        or (scope = 'team' and team_id is not null and owner_user_id is null)
        or (scope = 'workspace' and owner_user_id is null and team_id is null)`,
    )
    .execute();
  await sql`create unique index canned_replies_personal_key on canned_replies (workspace_id, owner_user_id, lower(shortcut)) where scope = 'personal'`.execute(
    db,
  );
  await sql`create unique index canned_replies_team_key on canned_replies (workspace_id, team_id, lower(shortcut)) where scope = 'team'`.execute(
    db,
  );
  await sql`create unique index canned_replies_workspace_key on canned_replies (workspace_id, lower(shortcut)) where scope = 'workspace'`.execute(
    db,
  );
  await sql`create index conversations_activity_idx on conversations (workspace_id, updated_at desc, id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists conversations_activity_idx`.execute(db);
  await db.schema.dropTable('canned_replies').execute();
}
