import type { Kysely } from 'kysely';

/** Where a hand-over asked to go: the tier (agent or expert), a team, and the rule or flow step behind it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('handoff', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('handoff').execute();
}
