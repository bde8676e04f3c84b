import { type Kysely, sql } from 'kysely';

/**
 * Attachments (images and PDFs) sent by customers and staff. The bytes are kept in the database (`bytea`),
 * so several processes on one PostgreSQL serve them without a shared disk. An upload is unsent
 * (`message_id` null) until a message carries it; a staff upload belongs to its conversation from the start,
 * a customer's gets its conversation when sent (a first message may open it). `position` orders a message's
 * attachments as the sender listed them.
 *
 * `server_secrets`: keys the server signs with (download links of attachments), made once on first use and
 * shared by every process that uses the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('cascade'))
    .addColumn('message_id', 'uuid', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('position', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('uploader_kind', 'text', (c) => c.notNull().check(sql`uploader_kind in ('customer','staff')`))
    .addColumn('uploader_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('mime', 'text', (c) =>
      c.notNull().check(sql`mime in ('image/png','image/jpeg','image/gif','image/webp','application/pdf')`),
    )
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // a transcript's attachments: those of its conversation that were sent
  await sql`create index attachments_sent_idx on attachments (conversation_id, message_id, position) where message_id is not null`.execute(
    db,
  );
  // a sender's uploads waiting to be sent, and the sweep of abandoned ones
  await sql`create index attachments_unsent_idx on attachments (uploader_kind, uploader_id, created_at) where message_id is null`.execute(
    db,
  );
  await sql`create index attachments_unsent_age_idx on attachments (created_at) where message_id is null`.execute(
    db,
  );

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_secrets').execute();
  await db.schema.dropTable('attachments').execute();
}
