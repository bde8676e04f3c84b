import { type Kysely, sql } from 'kysely';

/**
 * People and roles administration:
 * - `disabled_at`: a disabled person cannot sign in, has no sessions and is never offered a conversation
 *   (their account, history and team memberships stay, so enabling them again restores them);
 * - `password_temporary`: the password was set by an admin (an invitation or a reset) and shown to them once;
 *   the person should choose their own (`POST /api/auth/password` clears it);
 * - `last_login_at`: when they last signed in.
 * Active admins of a workspace are looked up (and locked) when a role or the disabled flag changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('password_temporary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_login_at', 'timestamptz')
    .execute();
  await sql`create index users_active_admins_idx on users (workspace_id) where role = 'admin' and disabled_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists users_active_admins_idx`.execute(db);
  await db.schema
    .alterTable('users')
    .dropColumn('disabled_at')
    .dropColumn('password_temporary')
    .dropColumn('last_login_at')
    .execute();
}
