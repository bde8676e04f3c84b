import { DomainError, type User } from '@tandem/domain';
import type { KnowledgeEntryBody } from '@tandem/protocol';
import type { AppContext } from '../context.ts';

const mayEdit = (user: User) => user.role === 'admin' || user.role === 'supervisor';

/**
 * Staff change what the bot knows; the workspace's bot is retrained in the background and swapped in. A save
 * answers with the bot's status (`training` until the change is live); staff consoles are told when it is
 * live or failed (`bot:status`), and `GET /api/admin/bot/status` says so too.
 */
export async function listKnowledge(ctx: AppContext, user: User) {
  return { entries: await ctx.store.knowledge.list(user.workspaceId) };
}

export async function saveKnowledgeEntry(ctx: AppContext, user: User, id: string, entry: KnowledgeEntryBody) {
  if (!mayEdit(user))
    throw new DomainError('forbidden', 'only admins and supervisors may change the knowledge base');
  if (entry.id !== id)
    throw new DomainError('bad_request', `the entry's id "${entry.id}" differs from the path's "${id}"`);
  await ctx.store.knowledge.upsertMany(user.workspaceId, [entry]);
  ctx.bots.rebuild(user.workspaceId);
  return { entry, bot: ctx.bots.status(user.workspaceId) };
}

export async function removeKnowledgeEntry(ctx: AppContext, user: User, id: string) {
  if (!mayEdit(user))
    throw new DomainError('forbidden', 'only admins and supervisors may change the knowledge base');
  if (!(await ctx.store.knowledge.remove(user.workspaceId, id)))
    throw new DomainError('not_found', `no entry ${id}`);
  ctx.bots.rebuild(user.workspaceId);
  return { removed: id, bot: ctx.bots.status(user.workspaceId) };
}
