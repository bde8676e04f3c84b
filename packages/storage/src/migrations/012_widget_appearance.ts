import type { Kysely } from 'kysely';

/**
 * The customer widget's look as a workspace's admins set it (brand colour, corner, greeting, languages,
 * elder-friendly mode by default): one jsonb document per workspace; null until first saved (the widget's
 * defaults, `defaultWidgetAppearance` in @tandem/protocol).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workspaces').addColumn('widget_appearance', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('widget_appearance').execute();
}
