import { type Kysely, sql } from 'kysely';

/**
 * A signed-in customer is one contact per workspace, whatever device they write from: contacts remember the
 * verified customer id (unique per workspace), and a contact can hold several visitor tokens, one per
 * browser, besides the one it was created with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('verified_customer_id', 'text').execute();
  await sql`create unique index contacts_verified_customer on contacts (workspace_id, verified_customer_id) where verified_customer_id is not null`.execute(
    db,
  );
  await db.schema
    .createTable('contact_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'uuid', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('contact_tokens_contact').on('contact_tokens').column('contact_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contact_tokens').execute();
  await sql`drop index if exists contacts_verified_customer`.execute(db);
  await db.schema.alterTable('contacts').dropColumn('verified_customer_id').execute();
}
