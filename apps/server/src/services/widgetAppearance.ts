import { DomainError, type User } from '@tandem/domain';
import { defaultWidgetAppearance, type WidgetAppearance, widgetAppearanceSchema } from '@tandem/protocol';
import type { AppContext } from '../context.ts';

/**
 * The customer widget's look, as the workspace's admins and supervisors set it in the console. Read from
 * the database each time (one indexed row, no cache), so a save shows in the next visitor's widget on every
 * server process at once.
 */

const mayEdit = (user: User) => user.role === 'admin' || user.role === 'supervisor';

/**
 * The stored look over the defaults: null (never saved) is the defaults, and a field the stored document
 * lacks (saved before the field existed) or that is no longer valid falls back to its default alone.
 */
export function toAppearance(stored: unknown): WidgetAppearance {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return defaultWidgetAppearance;
  const merged: Record<string, unknown> = { ...defaultWidgetAppearance };
  for (const key of Object.keys(defaultWidgetAppearance) as Array<keyof WidgetAppearance>) {
    const field = widgetAppearanceSchema.shape[key].safeParse((stored as Record<string, unknown>)[key]);
    if (field.success) merged[key] = field.data;
  }
  return merged as WidgetAppearance;
}

/** The workspace's look (the defaults until saved). */
export async function readWidgetAppearance(ctx: AppContext, workspaceId: string): Promise<WidgetAppearance> {
  const stored = await ctx.store.widgetAppearance.read(workspaceId);
  if (stored === undefined) throw new DomainError('workspace_not_found', 'no such workspace');
  return toAppearance(stored);
}

/** For the widget before any session: the look of the workspace with this slug. */
export async function widgetAppearanceBySlug(ctx: AppContext, slug: string): Promise<WidgetAppearance> {
  const stored = await ctx.store.widgetAppearance.readBySlug(slug);
  if (stored === undefined) throw new DomainError('workspace_not_found', `no workspace "${slug}"`);
  return toAppearance(stored);
}

/** Replaces the look (admins and supervisors); the next page view of any visitor shows it. */
export async function saveWidgetAppearance(
  ctx: AppContext,
  user: User,
  appearance: WidgetAppearance,
): Promise<WidgetAppearance> {
  if (!mayEdit(user))
    throw new DomainError('forbidden', "only admins and supervisors may change the widget's appearance");
  const saved = toAppearance(appearance);
  if (!(await ctx.store.widgetAppearance.write(user.workspaceId, saved)))
    throw new DomainError('workspace_not_found', 'no such workspace');
  ctx.log.info({ workspaceId: user.workspaceId, userId: user.id }, 'widget appearance changed');
  return saved;
}
