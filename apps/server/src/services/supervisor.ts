import {
  AGING_SECONDS_PER_POINT,
  DomainError,
  type EmotionTrajectory,
  localTime,
  SLA_WARNING_SHARE,
  type User,
} from '@tandem/domain';
import { type SupervisorWall, timeZoneSchema } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { presentTrajectory } from '../presenters/emotion.ts';

/** The wall lists at most this many SLA alerts and waiting customers. */
export const WALL_LIMIT = 50;

export const assertSupervises = (user: User) => {
  if (user.role !== 'admin' && user.role !== 'supervisor')
    throw new DomainError('forbidden', 'only supervisors and admins see the supervisor wall');
};

const secondsSince = (now: Date, then: Date | null) =>
  then ? Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000)) : 0;

/** Minutes a time zone is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timezone: string): number {
  const { date, minute } = localTime(at, timezone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const local = Date.UTC(y, m - 1, d) + minute * 60_000;
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant today began in a time zone (exact across a change of clocks earlier that day). */
export function startOfLocalDay(now: Date, timezone: string): Date {
  const { date } = localTime(now, timezone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  let start = midnight - offsetMinutes(now, timezone) * 60_000;
  start = midnight - offsetMinutes(new Date(start), timezone) * 60_000;
  return new Date(start);
}

/** 'Today' is counted in the time zone of the general queue's business hours, else in UTC. */
async function workspaceTimeZone(ctx: AppContext, workspaceId: string): Promise<string> {
  const workspace = await ctx.store.workspaces.findById(workspaceId);
  const hours = workspace?.settings.hours as { timezone?: unknown } | null | undefined;
  const zone = timeZoneSchema.safeParse(hours?.timezone);
  return zone.success ? zone.data : 'UTC';
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The live picture of a workspace for supervisors and admins: queues per team, people, SLA alerts, today's
 * ratings and the waiting customers in queue order. A constant number of grouped statements, whatever the
 * size of the workspace.
 */
export async function supervisorWall(ctx: AppContext, user: User): Promise<SupervisorWall> {
  assertSupervises(user);
  const now = new Date();
  const workspaceId = user.workspaceId;
  const timezone = await workspaceTimeZone(ctx, workspaceId);
  const since = startOfLocalDay(now, timezone);
  const wall = ctx.store.supervisor;
  const [queues, teams, agents, alerts, ratings, queue] = await Promise.all([
    wall.queues(workspaceId),
    wall.teams(workspaceId),
    wall.agents(workspaceId),
    wall.slaAlerts(workspaceId, now, SLA_WARNING_SHARE, WALL_LIMIT),
    wall.csatSince(workspaceId, since),
    wall.queue(workspaceId, now, AGING_SECONDS_PER_POINT, WALL_LIMIT),
  ]);
  const queueOf = new Map(queues.map((q) => [q.teamId, q]));
  const general = queueOf.get(null);
  const rated = ratings.reduce((acc, r) => ({ sum: acc.sum + r.sum, count: acc.count + r.count }), {
    sum: 0,
    count: 0,
  });
  return {
    generatedAt: now.toISOString(),
    teams: teams.map((team) => {
      const q = queueOf.get(team.id);
      return {
        id: team.id,
        key: team.key,
        name: team.name,
        tier: team.tier,
        queued: q?.queued ?? 0,
        longestWaitSeconds: secondsSince(now, q?.oldestQueuedAt ?? null),
        online: team.online,
        away: team.away,
        offline: team.offline,
        capacity: team.capacity,
        load: team.load,
      };
    }),
    general: {
      queued: general?.queued ?? 0,
      longestWaitSeconds: secondsSince(now, general?.oldestQueuedAt ?? null),
    },
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      presence: a.presence,
      load: a.load,
      offered: a.offered,
      capacity: a.maxConcurrent,
      teams: a.teamIds,
      oldestUnansweredSeconds: a.oldestUnansweredAt ? secondsSince(now, a.oldestUnansweredAt) : null,
    })),
    slaWarnings: alerts.map((a) => ({
      conversationId: a.conversationId,
      customerName: a.customerName,
      teamId: a.teamId,
      assigneeId: a.assigneeId,
      kind: a.kind,
      level: a.breached ? 'breach' : 'warning',
      dueAt: a.dueAt.toISOString(),
      overdue: a.breached,
    })),
    csatToday: {
      average: rated.count > 0 ? round2(rated.sum / rated.count) : null,
      count: rated.count,
      timezone,
      since: since.toISOString(),
      byTeam: ratings
        .filter((r) => r.count > 0)
        .sort((a, b) => (a.teamId ?? '').localeCompare(b.teamId ?? ''))
        .map((r) => ({ teamId: r.teamId, average: round2(r.sum / r.count), count: r.count })),
    },
    queue: queue.map((q) => {
      const emotion = presentTrajectory(q.emotion as EmotionTrajectory | null);
      return {
        conversationId: q.conversationId,
        customerName: q.customerName,
        teamId: q.teamId,
        priority: q.priority,
        waitingSeconds: secondsSince(now, q.queuedAt),
        offeredTo: q.offeredTo,
        emotion: emotion ? { current: emotion.current, trend: emotion.trend } : null,
      };
    }),
  };
}
