import { DomainError, notFound, type User } from '@tandem/domain';
import type { CannedReplyBody, CannedReplyListQuery, CannedReplyView } from '@tandem/protocol';
import type {
  CannedReplyFilter,
  CannedReplyInput,
  CannedReplyRecord,
  CannedReplySave,
} from '@tandem/storage';
import type { AppContext } from '../context.ts';

/** Admins and supervisors keep the team and workspace replies; everyone keeps their own. */
const managesShared = (user: User) => user.role === 'admin' || user.role === 'supervisor';

const mayChange = (user: User, reply: Pick<CannedReplyRecord, 'scope' | 'owner'>) =>
  reply.scope === 'personal' ? reply.owner?.id === user.id : managesShared(user);

function present(reply: CannedReplyRecord, user: User): CannedReplyView {
  return {
    id: reply.id,
    scope: reply.scope,
    team: reply.team,
    owner: reply.owner,
    shortcut: reply.shortcut,
    title: reply.title,
    body: reply.body,
    lang: reply.lang,
    editable: mayChange(user, reply),
    createdBy: reply.createdBy,
    createdAt: reply.createdAt.toISOString(),
    updatedAt: reply.updatedAt.toISOString(),
  };
}

/** `usable`: what I may insert; `editable`: what I may change (see the protocol's list query). */
export async function listCannedReplies(
  ctx: AppContext,
  user: User,
  query: CannedReplyListQuery,
): Promise<CannedReplyView[]> {
  const shared = managesShared(user);
  const filter: CannedReplyFilter = {
    personalOf: user.id,
    teams: query.view === 'usable' ? { memberId: user.id } : shared ? 'all' : 'none',
    workspace: query.view === 'usable' || shared,
    text: query.q,
    lang: query.lang,
    limit: query.limit,
  };
  const replies = await ctx.store.cannedReplies.list(user.workspaceId, filter);
  return replies.map((reply) => present(reply, user));
}

/** A personal reply is mine; a team or workspace reply needs an admin or supervisor and a team of my workspace. */
async function toInput(ctx: AppContext, user: User, body: CannedReplyBody): Promise<CannedReplyInput> {
  if (body.scope !== 'personal' && !managesShared(user))
    throw new DomainError('forbidden', 'only admins and supervisors may keep team and workspace replies');
  const teamId = body.scope === 'team' ? (body.teamId ?? null) : null;
  if (teamId && !(await ctx.store.teams.findById(user.workspaceId, teamId))) throw notFound('team', teamId);
  return {
    scope: body.scope,
    ownerUserId: body.scope === 'personal' ? user.id : null,
    teamId,
    shortcut: body.shortcut,
    title: body.title,
    body: body.body,
    lang: body.lang,
  };
}

function saved(
  result: CannedReplySave,
  user: User,
  body: CannedReplyBody,
  id: string | null,
): CannedReplyView {
  if (result.kind === 'conflict')
    throw new DomainError(
      'conflict',
      `the shortcut "/${body.shortcut}" is already used by another ${body.scope} reply`,
    );
  if (result.kind === 'missing') throw new DomainError('not_found', `canned reply ${id ?? ''} not found`);
  return present(result.reply, user);
}

/** Someone else's personal reply does not exist for me; a shared one I may not change is forbidden. */
async function findChangeable(ctx: AppContext, user: User, id: string): Promise<CannedReplyRecord> {
  const reply = await ctx.store.cannedReplies.findById(user.workspaceId, id);
  if (!reply || (reply.scope === 'personal' && reply.owner?.id !== user.id))
    throw new DomainError('not_found', `canned reply ${id} not found`);
  if (!mayChange(user, reply))
    throw new DomainError('forbidden', 'only admins and supervisors may change team and workspace replies');
  return reply;
}

export async function createCannedReply(
  ctx: AppContext,
  user: User,
  body: CannedReplyBody,
): Promise<CannedReplyView> {
  const input = await toInput(ctx, user, body);
  return saved(await ctx.store.cannedReplies.create(user.workspaceId, user.id, input), user, body, null);
}

/** Replaces every field; moving a reply to another scope needs the right to both. */
export async function updateCannedReply(
  ctx: AppContext,
  user: User,
  id: string,
  body: CannedReplyBody,
): Promise<CannedReplyView> {
  await findChangeable(ctx, user, id);
  const input = await toInput(ctx, user, body);
  return saved(await ctx.store.cannedReplies.update(user.workspaceId, id, input), user, body, id);
}

export async function deleteCannedReply(ctx: AppContext, user: User, id: string): Promise<void> {
  await findChangeable(ctx, user, id);
  if (!(await ctx.store.cannedReplies.remove(user.workspaceId, id)))
    throw new DomainError('not_found', `canned reply ${id} not found`);
}
