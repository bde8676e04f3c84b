import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/**
 * Identity verification: each workspace gets a secret its shop's backend signs customer ids with
 * (HMAC-SHA256). Existing workspaces get one here; the repository also creates one lazily if it is missing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workspaces').addColumn('identity_secret', 'text').execute();
  const { rows } = await sql<{ id: string }>`select id from workspaces where identity_secret is null`.execute(
    db,
  );
  for (const { id } of rows) {
    const secret = randomBytes(32).toString('base64url');
    await sql`update workspaces set identity_secret = ${secret} where id = ${id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('identity_secret').execute();
}
