import {
  type BusinessHours,
  type Candidate,
  type Conversation,
  closeIdle,
  dueSlaFlags,
  endOffer,
  estimateWaitSeconds,
  isOpenAt,
  nextOpening,
  nudgeAssignee,
  offerConversation,
  orderQueue,
  pickAgent,
  type QueuedConversation,
  raiseSla,
  requeueFromOfflineAgent,
  requeueUnanswered,
  type Team,
  tellUnavailable,
} from '@tandem/domain';
import { businessHoursSchema, type QueueStatus } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';
import type { Router } from './routerPort.ts';

/** Roles offered conversations in no team's queue (experts take the expert tier's). */
const GENERAL_ROLES = new Set(['agent', 'supervisor']);
/** How long the mean handle time of a workspace is reused before it is read again. */
const HANDLE_TIME_TTL_MS = 30_000;
/** At most this many expired offers or orphaned conversations are handled per tick. */
const TICK_BATCH = 200;
/** At most this many conversations are checked per service tick for SLA, nudges and idleness. */
const SERVICE_BATCH = 2000;
/** Nudge and re-queue times for conversations in no team. */
const DEFAULT_NUDGE_SECONDS = 180;
/** A workspace's passes start at least this far apart: a wave of hand-overs is served by a few passes. */
const MIN_PASS_INTERVAL_MS = 200;

/**
 * The router: offers queued conversations to people, one workspace pass at a time in this process (passes of
 * several processes are safe: every offer is a compare-and-set under a lock on the person), and drives the
 * timers that live in the database. After each pass the customers waiting are told their place.
 */
export function createRouter(
  ctx: AppContext,
  publishQueue: (workspaceId: string, statuses: Array<{ contactId: string; status: QueueStatus }>) => void,
): Router {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  /** per workspace: what each waiting customer was last told (only those waiting now) */
  const lastSent = new Map<string, Map<string, string>>();
  const handleTimes = new Map<string, { at: number; mean: number | null }>();
  /** when each workspace's last pass started: the tick's safety-net pass runs only every few ticks */
  const lastPass = new Map<string, number>();
  const safetyPassMs = 5 * ctx.config.routingTickMs;
  let stopped = false;

  const meanHandle = async (workspaceId: string) => {
    const cached = handleTimes.get(workspaceId);
    if (cached && Date.now() - cached.at < HANDLE_TIME_TTL_MS) return cached.mean;
    const mean = await ctx.store.routing.meanHandleSeconds(workspaceId);
    handleTimes.set(workspaceId, { at: Date.now(), mean });
    return mean;
  };

  const pool = (team: Team | undefined, candidates: Candidate[]) =>
    team
      ? candidates.filter((c) => team.memberIds.includes(c.user.id))
      : candidates.filter((c) => GENERAL_ROLES.has(c.user.role));

  /** the general queue's hours live in the workspace's settings */
  const generalHours = async (workspaceId: string) => {
    const parsed = businessHoursSchema.safeParse(
      (await ctx.store.workspaces.findById(workspaceId))?.settings.hours,
    );
    return parsed.success ? (parsed.data as BusinessHours) : null;
  };

  async function pass(workspaceId: string): Promise<void> {
    const now = new Date();
    lastPass.set(workspaceId, now.getTime());
    const [teams, queued, candidates, hours] = await Promise.all([
      ctx.store.teams.listByWorkspace(workspaceId),
      ctx.store.routing.listQueued(workspaceId),
      ctx.store.routing.candidates(workspaceId),
      generalHours(workspaceId),
    ]);
    const teamById = new Map(teams.map((t) => [t.id, t]));
    const waiting = orderQueue(
      queued.map((q) => ({
        ...q,
        id: q.conversation.id,
        priority: q.conversation.priority,
        queuedAt: q.conversation.queuedAt ?? q.conversation.createdAt,
      })),
      now,
    );
    for (const item of waiting) {
      if (stopped) return;
      const { conversation } = item;
      if (conversation.offer) continue;
      const team = conversation.teamId ? teamById.get(conversation.teamId) : undefined;
      // out of hours nobody is offered it: it waits for the opening (the customer was told, and may leave a message)
      if (!isOpenAt(team ? team.hours : hours, now)) continue;
      const pick = (exclude: readonly string[]) =>
        pickAgent({
          candidates: pool(team, candidates),
          strategy: team?.strategy ?? 'least_busy',
          lang: item.lang,
          skills: [],
          exclude,
          sticky: conversation.lastAgentId,
          preferSkills: conversation.tags,
        });
      const timeout = team?.offerTimeoutSeconds ?? ctx.config.routingOfferTimeoutSeconds;
      let userId = pick(conversation.declinedBy);
      // everyone who could take it passed this round: after twice an offer's time (a minute by default), a new
      // round (nobody is left out for good because they missed one offer, nor asked again at once)
      if (
        !userId &&
        conversation.declinedBy.length > 0 &&
        now.getTime() - conversation.updatedAt.getTime() >= 2 * timeout * 1000 &&
        pick([]) &&
        (await ctx.store.routing.resetDeclined(conversation.id))
      ) {
        userId = pick([]);
      }
      if (!userId) continue;
      const offered = await offerConversation(ctx.deps, {
        conversation: { ...conversation, declinedBy: [] },
        userId,
        expiresAt: new Date(Date.now() + timeout * 1000),
      });
      if (offered) {
        const candidate = candidates.find((c) => c.user.id === userId);
        if (candidate) {
          candidate.load += 1;
          candidate.lastOfferedAt = new Date();
        }
      }
    }
    await tellWaiting(workspaceId, waiting, teamById, candidates);
  }

  /** Each waiting customer's place in their queue (the team's, or the general one) and estimated wait. */
  async function tellWaiting(
    workspaceId: string,
    waiting: Array<QueuedConversation & { id: string }>,
    teamById: Map<string, Team>,
    candidates: Candidate[],
  ) {
    const before = lastSent.get(workspaceId) ?? new Map<string, string>();
    const sent = new Map<string, string>();
    if (waiting.length === 0) {
      lastSent.delete(workspaceId);
      return;
    }
    const mean = await meanHandle(workspaceId);
    const positions = new Map<string, number>();
    const statuses: Array<{ contactId: string; status: QueueStatus }> = [];
    for (const { conversation } of waiting) {
      const queue = conversation.teamId ?? '';
      const position = (positions.get(queue) ?? 0) + 1;
      positions.set(queue, position);
      const team = conversation.teamId ? teamById.get(conversation.teamId) : undefined;
      const online = pool(team, candidates).filter((c) => c.user.presence === 'online').length;
      const status: QueueStatus = {
        conversationId: conversation.id,
        position,
        estimatedWaitSeconds: estimateWaitSeconds(position, mean, online),
        agentsOnline: online,
      };
      const key = `${status.position}|${status.estimatedWaitSeconds}|${status.agentsOnline}`;
      sent.set(conversation.id, key);
      if (before.get(conversation.id) === key) continue;
      statuses.push({ contactId: conversation.contactId, status });
    }
    lastSent.set(workspaceId, sent);
    if (statuses.length > 0) publishQueue(workspaceId, statuses);
  }

  function schedule(workspaceId: string): void {
    if (stopped) return;
    if (running.has(workspaceId)) {
      again.add(workspaceId);
      return;
    }
    const run = (async () => {
      // let the events of one command (or a burst) arrive first: one pass serves them all
      await new Promise((resolve) => setImmediate(resolve));
      do {
        const wait = (lastPass.get(workspaceId) ?? 0) + MIN_PASS_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        again.delete(workspaceId);
        await pass(workspaceId).catch((error: unknown) =>
          ctx.log.error(
            { err: safeError(error), workspaceId },
            'routing pass failed; retried on the next tick',
          ),
        );
      } while (again.has(workspaceId) && !stopped);
    })().finally(() => running.delete(workspaceId));
    running.set(workspaceId, run);
  }

  async function tick(now = new Date()): Promise<void> {
    const touched = new Set<string>();
    for (const conversation of await ctx.store.routing.listExpiredOffers(now, TICK_BATCH)) {
      const userId = conversation.offer?.userId;
      if (!userId) continue;
      await endOffer(ctx.deps, { conversation, userId, why: 'expired', actor: { kind: 'system' } });
      touched.add(conversation.workspaceId);
    }
    const orphans: Conversation[] = await ctx.store.routing.listOrphaned(
      now,
      ctx.config.routingOfflineGraceSeconds,
      TICK_BATCH,
    );
    for (const conversation of orphans) {
      await requeueFromOfflineAgent(ctx.deps, conversation);
      touched.add(conversation.workspaceId);
    }
    // away since their connections closed, past the grace period: offline
    const cutoff = new Date(now.getTime() - ctx.config.routingOfflineGraceSeconds * 1000);
    for (const user of await ctx.store.users.expireAutoAway(cutoff)) {
      ctx.events.publish('presence.changed', {
        workspaceId: user.workspaceId,
        userId: user.id,
        presence: 'offline',
      });
    }
    // anything waiting for an offer (after a restart, when someone's capacity freed up unseen, or for a new
    // round of offers): a safety net every few ticks; changes schedule a pass at once
    for (const workspaceId of await ctx.store.routing.workspacesWithWaiting()) {
      if (now.getTime() - (lastPass.get(workspaceId) ?? 0) >= safetyPassMs) touched.add(workspaceId);
    }
    for (const workspaceId of touched) schedule(workspaceId);
  }

  async function serviceTick(now = new Date()): Promise<void> {
    const teamsOf = new Map<string, Map<string, Team>>();
    const teamOf = async (conversation: Conversation) => {
      if (!conversation.teamId) return undefined;
      let teams = teamsOf.get(conversation.workspaceId);
      if (!teams) {
        teams = new Map(
          (await ctx.store.teams.listByWorkspace(conversation.workspaceId)).map((t) => [t.id, t]),
        );
        teamsOf.set(conversation.workspaceId, teams);
      }
      return teams.get(conversation.teamId);
    };
    for (const conversation of await ctx.store.service.listWithSla(SERVICE_BATCH)) {
      for (const due of dueSlaFlags({ queuedAt: conversation.queuedAt, ...conversation.sla }, now)) {
        await raiseSla(ctx.deps, { conversation, ...due });
      }
    }
    for (const served of await ctx.store.service.listServed(SERVICE_BATCH)) {
      const { conversation, lastCustomerAt, lastAgentAt } = served;
      // the customer is waiting for their person: their last message is unanswered (counted from when this
      // person took the conversation: what the customer wrote while queued is not this person's delay)
      if (!lastCustomerAt || (lastAgentAt && lastAgentAt >= lastCustomerAt)) continue;
      const since = new Date(Math.max(lastCustomerAt.getTime(), conversation.assignedAt?.getTime() ?? 0));
      const team = await teamOf(conversation);
      const nudgeAfter = (team?.nudgeSeconds ?? DEFAULT_NUDGE_SECONDS) * 1000;
      const requeueAfter = (team?.requeueAfterNudgeSeconds ?? DEFAULT_NUDGE_SECONDS) * 1000;
      const waited = now.getTime() - since.getTime();
      const nudgedThisStretch = conversation.nudgedAt !== null && conversation.nudgedAt >= since;
      if (!nudgedThisStretch && waited >= nudgeAfter) await nudgeAssignee(ctx.deps, conversation);
      else if (
        nudgedThisStretch &&
        now.getTime() - (conversation.nudgedAt as Date).getTime() >= requeueAfter
      ) {
        await requeueUnanswered(ctx.deps, conversation);
      }
    }
    const idleMinutes = ctx.config.autoCloseIdleMinutes;
    if (idleMinutes > 0) {
      for (const conversation of await ctx.store.service.listIdle(
        new Date(now.getTime() - idleMinutes * 60_000),
        SERVICE_BATCH,
      )) {
        await closeIdle(ctx.deps, conversation);
      }
    }
  }

  async function checkAvailability(conversation: Conversation): Promise<void> {
    const now = new Date();
    const team = conversation.teamId
      ? await ctx.store.teams.findById(conversation.workspaceId, conversation.teamId)
      : null;
    const hours = team ? team.hours : await generalHours(conversation.workspaceId);
    if (!isOpenAt(hours, now)) {
      const opensAt = nextOpening(hours, now);
      await tellUnavailable(ctx.deps, conversation, {
        code: 'closed_hours',
        ...(opensAt ? { opensAt: opensAt.toISOString() } : {}),
      });
      return;
    }
    const candidates = await ctx.store.routing.candidates(conversation.workspaceId, team?.memberIds);
    const online = (team ? candidates : candidates.filter((c) => GENERAL_ROLES.has(c.user.role))).some(
      (c) => c.user.presence === 'online',
    );
    if (!online) await tellUnavailable(ctx.deps, conversation, { code: 'no_agents' });
  }

  return {
    schedule,
    serviceTick,
    checkAvailability,
    resend(conversationId) {
      for (const sent of lastSent.values()) sent.delete(conversationId);
    },
    tick,
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
    stop() {
      stopped = true;
    },
  };
}
