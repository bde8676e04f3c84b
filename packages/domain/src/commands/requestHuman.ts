import type { HandoffReason, HandoffTarget } from '@tandem/protocol';
import type { Store } from '../ports.ts';
import type { Actor, Attributes, Conversation } from '../records.ts';
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

/**
 * Inside a transaction: hands a bot conversation to the human queue with a reason. Asking again while
 * queued or assigned is not an error: the customer simply keeps their place (the conversation is returned
 * unchanged). Null when it changed meanwhile.
 */
export async function requestHumanWithin(
  tx: Store,
  outbox: Outbox,
  input: RequestHumanInput,
): Promise<Conversation | null> {
  const { conversation } = input;
  if (conversation.status === 'queued' || conversation.status === 'assigned') return conversation;
  const target = input.target ?? { tier: 'agent' as const, team: null, detail: null };
  const teams = await tx.teams.listByWorkspace(conversation.workspaceId);
  const named = teamForTarget(teams, target);
  // nobody online in the team: its fallback team when configured and someone there is online
  const team = named?.fallbackTeamId ? (await teamWithSomeoneOnline(tx.routing, teams, named)).team : named;
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
      // in the queue's business hours: a team's, or the general queue's (the workspace's settings)
      sla: slaDeadlines(
        team?.sla ?? null,
        priority,
        queuedAt,
        team ? team.hours : await generalHours(tx, conversation.workspaceId),
      ),
    },
    notice: { code: 'queued' },
    data: { reason: input.reason, ...(input.target ? { target: input.target } : {}) },
    handoff: { reason: input.reason, target },
  });
}
