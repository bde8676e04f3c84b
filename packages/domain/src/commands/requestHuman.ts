import type { HandoffReason, HandoffTarget } from '@tandem/protocol';
import type { Store } from '../ports.ts';
import type { Actor, Attributes, BusinessHours, Conversation, Team } from '../records.ts';
import { teamWithSomeoneOnline } from '../routing/fallback.ts';
import { generalHours } from '../routing/generalHours.ts';
import { gradePriority } from '../routing/priority.ts';
import { slaDeadlines } from '../routing/sla.ts';
import { teamForTarget } from '../routing/teams.ts';
import type { Outbox } from './outbox.ts';
import { transitionWithin } from './transition.ts';

export interface RequestHumanInput {
  conversation: Conversation;
  reason: HandoffReason;
  actor: Actor;
  /** what the bot's rules or emotion advice asked for (0, 50 high, 100 urgent); the queue priority is graded
   * from it, the reason, the customer's emotion and whether they are a VIP */
  priority?: number;
  /** the customer's attributes (VIP), when the caller has them */
  attributes?: Attributes;
  /** the tier and team asked for (default: an agent, any team) */
  target?: HandoffTarget;
}

/** Where a hand-over goes: the team (none: the general queue) and the business hours its deadlines follow. */
export interface HandoffRoute {
  team: Team | null;
  hours: BusinessHours | null;
}

const anyAgent: HandoffTarget = { tier: 'agent', team: null, detail: null };

/**
 * Reads where a hand-over to `target` goes (teams, who is online for a fallback, the general queue's hours).
 * Read before the transaction that hands over, these reads do not hold it open: on the embedded database a
 * transaction holds the one session, and every statement in it is a round trip through a busy main thread.
 */
export async function routeHandoff(
  store: Pick<Store, 'teams' | 'routing' | 'workspaces'>,
  workspaceId: string,
  target: HandoffTarget = anyAgent,
): Promise<HandoffRoute> {
  const teams = await store.teams.listByWorkspace(workspaceId);
  const named = teamForTarget(teams, target);
  // nobody online in the team: its fallback team when configured and someone there is online
  const team = named?.fallbackTeamId
    ? (await teamWithSomeoneOnline(store.routing, teams, named)).team
    : named;
  // in the queue's business hours: a team's, or the general queue's (the workspace's settings)
  return { team: team ?? null, hours: team ? team.hours : await generalHours(store, workspaceId) };
}

/**
 * Inside a transaction: hands a bot conversation to the human queue with a reason. Asking again while
 * queued or assigned is not an error: the customer simply keeps their place (the conversation is returned
 * unchanged). Null when it changed meanwhile. `route`: read before the transaction (`routeHandoff`) for the
 * same target; without it, read here.
 */
export async function requestHumanWithin(
  tx: Store,
  outbox: Outbox,
  input: RequestHumanInput,
  route?: HandoffRoute,
): Promise<Conversation | null> {
  const { conversation } = input;
  if (conversation.status === 'queued' || conversation.status === 'assigned') return conversation;
  const target = input.target ?? anyAgent;
  const { team, hours } = route ?? (await routeHandoff(tx, conversation.workspaceId, target));
  const priority = gradePriority({
    reason: input.reason,
    botPriority: Math.max(conversation.priority, input.priority ?? 0),
    emotion: conversation.emotion,
    attributes: input.attributes ?? {},
  });
  const queuedAt = new Date();
  return transitionWithin(tx, outbox, {
    conversation,
    command: 'requestHuman',
    actor: input.actor,
    patch: {
      handoffReason: input.reason,
      handoff: target,
      queuedAt,
      priority,
      teamId: team?.id ?? null,
      sla: slaDeadlines(team?.sla ?? null, priority, queuedAt, hours),
    },
    notice: { code: 'queued' },
    data: { reason: input.reason, ...(input.target ? { target: input.target } : {}) },
    handoff: { reason: input.reason, target },
  });
}
