import { type BusinessHours, DomainError, isOpenAt, notFound, type Team, type User } from '@tandem/domain';
import {
  type BusinessHoursBody,
  businessHoursSchema,
  type RoutingProfile,
  type StaffRoutingView,
  type TeamBody,
  type TeamView,
} from '@tandem/protocol';
import type { AppContext } from '../context.ts';

const mayEdit = (user: User) => user.role === 'admin' || user.role === 'supervisor';
const assertMayEdit = (user: User) => {
  if (!mayEdit(user))
    throw new DomainError('forbidden', 'only admins and supervisors may change teams and routing');
};

/** Teams with their members' presence and the size of their queues, for the console and transfer dialogs. */
export async function listTeams(ctx: AppContext, user: User): Promise<TeamView[]> {
  const [teams, staff, queued] = await Promise.all([
    ctx.store.teams.listByWorkspace(user.workspaceId),
    ctx.store.users.listByWorkspace(user.workspaceId),
    ctx.store.routing.listQueued(user.workspaceId),
  ]);
  const byId = new Map(staff.map((s) => [s.id, s]));
  return teams.map((team) =>
    present(team, byId, queued.filter((q) => q.conversation.teamId === team.id).length),
  );
}

function present(team: Team, staff: Map<string, User>, queued: number): TeamView {
  return {
    id: team.id,
    name: team.name,
    key: team.key,
    tier: team.tier,
    strategy: team.strategy,
    offerTimeoutSeconds: team.offerTimeoutSeconds,
    offlineGraceSeconds: team.offlineGraceSeconds,
    hours: team.hours,
    sla: team.sla,
    nudgeSeconds: team.nudgeSeconds,
    requeueAfterNudgeSeconds: team.requeueAfterNudgeSeconds,
    fallbackTeamId: team.fallbackTeamId,
    open: isOpenAt(team.hours, new Date()),
    members: team.memberIds.flatMap((id) => {
      const member = staff.get(id);
      return member ? [{ id, name: member.name, presence: member.presence }] : [];
    }),
    queued,
  };
}

const findView = async (ctx: AppContext, user: User, id: string) => {
  const view = (await listTeams(ctx, user)).find((t) => t.id === id);
  if (!view) throw notFound('team', id);
  return view;
};

/** A fallback is another team of the same workspace. */
async function assertFallback(ctx: AppContext, user: User, body: TeamBody, id: string | null) {
  if (!body.fallbackTeamId) return;
  if (body.fallbackTeamId === id) throw new DomainError('bad_request', 'a team cannot fall back to itself');
  if (!(await ctx.store.teams.findById(user.workspaceId, body.fallbackTeamId)))
    throw notFound('team', body.fallbackTeamId);
}

export async function createTeam(ctx: AppContext, user: User, body: TeamBody): Promise<TeamView> {
  assertMayEdit(user);
  await assertFallback(ctx, user, body, null);
  const team = await ctx.store.teams.create(user.workspaceId, body);
  if (!team)
    throw new DomainError('conflict', `a team named "${body.name}" (or with key "${body.key}") exists`);
  return findView(ctx, user, team.id);
}

export async function updateTeam(ctx: AppContext, user: User, id: string, body: TeamBody): Promise<TeamView> {
  assertMayEdit(user);
  await assertFallback(ctx, user, body, id);
  const team = await ctx.store.teams.update(user.workspaceId, id, body);
  if (team === undefined) throw notFound('team', id);
  if (team === null)
    throw new DomainError('conflict', `a team named "${body.name}" (or with key "${body.key}") exists`);
  // members or strategy changed: waiting conversations may now be offered
  ctx.router.schedule(user.workspaceId);
  return findView(ctx, user, id);
}

/** Removing a team leaves its waiting conversations in the general queue. */
export async function deleteTeam(ctx: AppContext, user: User, id: string): Promise<{ removed: string }> {
  assertMayEdit(user);
  if (!(await ctx.store.teams.delete(user.workspaceId, id))) throw notFound('team', id);
  ctx.router.schedule(user.workspaceId);
  return { removed: id };
}

export async function listStaffRouting(ctx: AppContext, user: User): Promise<StaffRoutingView[]> {
  assertMayEdit(user);
  const [staff, candidates, teams] = await Promise.all([
    ctx.store.users.listByWorkspace(user.workspaceId),
    ctx.store.routing.candidates(user.workspaceId),
    ctx.store.teams.listByWorkspace(user.workspaceId),
  ]);
  const offered = new Map<string, number>();
  for (const q of await ctx.store.routing.listQueued(user.workspaceId)) {
    if (q.conversation.offer)
      offered.set(q.conversation.offer.userId, (offered.get(q.conversation.offer.userId) ?? 0) + 1);
  }
  return staff.map((s) => {
    const load = candidates.find((c) => c.user.id === s.id)?.load ?? 0;
    const offers = offered.get(s.id) ?? 0;
    return {
      id: s.id,
      name: s.name,
      role: s.role,
      presence: s.presence,
      maxConcurrent: s.maxConcurrent,
      skills: s.skills,
      languages: s.languages,
      active: load - offers,
      offered: offers,
      teamIds: teams.filter((t) => t.memberIds.includes(s.id)).map((t) => t.id),
    };
  });
}

export async function setStaffRouting(
  ctx: AppContext,
  user: User,
  id: string,
  profile: RoutingProfile,
): Promise<StaffRoutingView> {
  assertMayEdit(user);
  const target = await ctx.store.users.findById(id);
  if (!target || target.workspaceId !== user.workspaceId) throw notFound('user', id);
  await ctx.store.users.setRoutingProfile(id, { ...profile, languages: [...new Set(profile.languages)] });
  ctx.router.schedule(user.workspaceId);
  return (await listStaffRouting(ctx, user)).find((s) => s.id === id) as StaffRoutingView;
}

/** The general queue's business hours (conversations in no team), kept in the workspace's settings. */
export async function getWorkspaceHours(ctx: AppContext, user: User) {
  assertMayEdit(user);
  const workspace = await ctx.store.workspaces.findById(user.workspaceId);
  const parsed = businessHoursSchema.safeParse(workspace?.settings.hours);
  const hours = parsed.success ? parsed.data : null;
  return { hours, open: isOpenAt(hours as BusinessHours | null, new Date()) };
}

export async function setWorkspaceHours(ctx: AppContext, user: User, hours: BusinessHoursBody | null) {
  assertMayEdit(user);
  await ctx.store.setup.setWorkspaceSetting(user.workspaceId, 'hours', hours);
  ctx.router.schedule(user.workspaceId);
  return getWorkspaceHours(ctx, user);
}
