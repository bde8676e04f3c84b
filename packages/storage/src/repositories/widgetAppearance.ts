import type { Workspace } from '@tandem/domain';
import type { Db } from '../database.ts';
import { json, toWorkspace } from './mappers.ts';

/**
 * The customer widget's look per workspace (`workspaces.widget_appearance`), stored as the admins saved it.
 * It is read from the database on every call (no cache), so every server process serves a saved change to
 * the next visitor at once. The caller validates: what is stored is returned as is (null: never saved).
 */
export function widgetAppearanceRepository(db: Db) {
  return {
    /** The stored look of the workspace: null when never saved, undefined for an unknown workspace. */
    async read(workspaceId: string): Promise<unknown> {
      const row = await db
        .selectFrom('workspaces')
        .select('widget_appearance')
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      return row ? json(row.widget_appearance) : undefined;
    },
    /** The same by the workspace's slug (the widget knows only that). */
    async readBySlug(slug: string): Promise<unknown> {
      const row = await db
        .selectFrom('workspaces')
        .select('widget_appearance')
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row ? json(row.widget_appearance) : undefined;
    },
    /** The workspace with this slug and its stored look, in one read (a widget session needs both). */
    async workspaceBySlug(slug: string): Promise<{ workspace: Workspace; appearance: unknown } | undefined> {
      const row = await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? { workspace: toWorkspace(row), appearance: json(row.widget_appearance) } : undefined;
    },
    /** Replaces the workspace's look (null: back to the defaults); false for an unknown workspace. */
    async write(workspaceId: string, appearance: object | null): Promise<boolean> {
      const result = await db
        .updateTable('workspaces')
        .set({ widget_appearance: appearance === null ? null : JSON.stringify(appearance) })
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type WidgetAppearanceRepository = ReturnType<typeof widgetAppearanceRepository>;
