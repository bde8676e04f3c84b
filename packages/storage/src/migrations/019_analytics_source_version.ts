import type { Kysely } from 'kysely';

/**
 * Which version of its conversation each fact row was computed from (the conversation's `updated_at`), so the
 * minute sweep recomputes only facts that are behind their conversation instead of every conversation changed
 * in the last minutes: under load it had redone in one pass what the event path had just done, and on the
 * embedded database customers' statements waited behind it. Null for facts written before: recomputed once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('analytics_conversations')
    .addColumn('source_updated_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analytics_conversations').dropColumn('source_updated_at').execute();
}
