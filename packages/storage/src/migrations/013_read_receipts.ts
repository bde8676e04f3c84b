import type { Kysely } from 'kysely';

/**
 * Read receipts: the highest sequence number the customer's widget has shown them, per conversation (0: none
 * yet). Only ever raised (see `ConversationRepository.markCustomerRead`), so staff see "read" up to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('customer_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('customer_read_seq').execute();
}
