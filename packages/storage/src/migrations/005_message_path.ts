import { type Kysely, sql } from 'kysely';

const OPEN = sql`status in ('bot', 'queued', 'assigned')`;

/**
 * The message path (one command per message):
 * - a conversation belongs to a channel, and a contact has at most one open conversation per channel,
 *   enforced by a partial unique index (older duplicates, which the old path could create, are closed);
 * - `customer_seq` / `bot_seq`: the last customer message, and the last one the bot has answered, so a bot
 *   reply the customer is owed is durable work found again after a restart;
 * - a customer message's client id is unique per customer across conversations, so a retry after the
 *   conversation was resolved is recognised (older duplicates get a suffix, nothing is deleted).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('widget'))
    .addColumn('customer_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bot_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // nothing is owed for history written before this version
  await sql`update conversations set customer_seq = last_seq, bot_seq = last_seq`.execute(db);
  await sql`
    update conversations c set status = 'closed', updated_at = now()
    where c.status in ('bot', 'queued', 'assigned') and exists (
      select 1 from conversations d
      where d.contact_id = c.contact_id and d.channel = c.channel and d.status in ('bot', 'queued', 'assigned')
        and (d.created_at > c.created_at or (d.created_at = c.created_at and d.id > c.id)))`.execute(db);
  await sql`create unique index conversations_one_open_key on conversations (contact_id, channel) where ${OPEN}`.execute(
    db,
  );
  await sql`create index conversations_bot_owed_idx on conversations (workspace_id) where status = 'bot' and customer_seq > bot_seq`.execute(
    db,
  );
  await sql`
    update messages m set client_id = m.client_id || '#' || m.id
    where m.author_kind = 'customer' and m.client_id is not null and exists (
      select 1 from messages o
      where o.author_kind = 'customer' and o.author_id = m.author_id and o.client_id = m.client_id
        and (o.created_at > m.created_at or (o.created_at = m.created_at and o.id > m.id)))`.execute(db);
  await sql`create unique index messages_customer_client_key on messages (author_id, client_id) where author_kind = 'customer' and client_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists messages_customer_client_key`.execute(db);
  await sql`drop index if exists conversations_bot_owed_idx`.execute(db);
  await sql`drop index if exists conversations_one_open_key`.execute(db);
  await db.schema
    .alterTable('conversations')
    .dropColumn('channel')
    .dropColumn('customer_seq')
    .dropColumn('bot_seq')
    .execute();
}
