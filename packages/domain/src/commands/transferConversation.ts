import type { TransferTarget } from '@tandem/protocol';
import { DomainError, notFound } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Conversation, Team } from '../records.ts';
import { teamWithSomeoneOnline } from '../routing/fallback.ts';
import { isAvailable } from '../routing/pickAgent.ts';
import { loadConversation } from './loadConversation.ts';
import { createOutbox } from './outbox.ts';
import { assertMayHandle } from './permissions.ts';
import { applyTransition, transitionWithin } from './transition.ts';

export interface TransferInput {
  workspaceId: string;
  conversationId: string;
  actor: Extract<Actor, { kind: 'agent' }>;
  to: TransferTarget;
  note?: string | null;
}

/**
 * Passes a conversation on, with a note for whoever receives it: to a named person (who gets it at once;
 * they must be online and within capacity), to a team's queue or to the expert tier (someone in it must be
 * online). A target that cannot take it now is refused with `target_unavailable`, and the conversation
 * stays where it was. Allowed to its assignee, and to supervisors and admins for any waiting or served one;
 * a supervisor or admin naming themselves takes it over (from a person online or not), without the presence and
 * capacity check, as when accepting from the queue.
 */
export async function transferConversation(deps: Deps, input: TransferInput): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  assertMayHandle(conversation, input.actor);
  const note = input.note?.trim() || null;
  const from = { userId: conversation.assigneeId, teamId: conversation.teamId };
  const { to } = input;

  if (to.kind === 'agent') {
    if (to.userId === conversation.assigneeId)
      throw new DomainError('bad_request', 'the conversation is already assigned to this person');
    const target = await deps.store.users.findById(to.userId);
    if (!target || target.workspaceId !== input.workspaceId) throw notFound('user', to.userId);
    // a supervisor or admin taking it over themselves is present (they act now) and chooses to go past their
    // routing capacity, as when accepting from the queue; a disabled account is never a candidate
    const takingOver = to.userId === input.actor.user.id;
    // under a lock on the person, like an offer: two transfers at once cannot take them past capacity
    const outbox = createOutbox();
    const moved = await deps.store.transaction(async (tx) => {
      await tx.routing.lockUser(to.userId);
      const [candidate] = await tx.routing.candidates(input.workspaceId, [to.userId]);
      if (!candidate || (!takingOver && !isAvailable(candidate, { lang: null, skills: [], exclude: [] })))
        throw new DomainError('target_unavailable', 'this person is not online or has no free capacity');
      return transitionWithin(tx, outbox, {
        conversation,
        command: 'assign',
        actor: input.actor,
        patch: { assigneeId: to.userId, lastAgentId: to.userId, assignedAt: new Date() },
        notice: { code: 'transferred', agentName: target.name },
        data: { from, to, note },
        assigneeName: target.name,
        transfer: { from, to, note },
      });
    });
    if (!moved) throw new DomainError('invalid_transition', 'the conversation changed meanwhile; try again');
    outbox.publish(deps.events);
    return moved;
  }

  const teams = await deps.store.teams.listByWorkspace(input.workspaceId);
  const asked: Team | undefined =
    to.kind === 'team' ? teams.find((t) => t.id === to.teamId) : teams.find((t) => t.tier === 2);
  if (!asked) {
    if (to.kind === 'team') throw notFound('team', to.teamId);
    throw new DomainError('target_unavailable', 'there is no expert team (a team of tier 2)');
  }
  // nobody online there: its fallback team when configured, else refused (the conversation stays)
  // the person passing it on does not count as someone there to take it
  const except = conversation.assigneeId ? [conversation.assigneeId] : [];
  const { team, online } = await teamWithSomeoneOnline(deps.store.routing, teams, asked, except);
  if (!online) throw new DomainError('target_unavailable', `nobody in ${asked.name} is online now`);
  return applyTransition(deps, {
    conversation,
    command: 'transfer',
    actor: input.actor,
    patch: {
      assigneeId: null,
      // not offered straight back to the person who passed it on
      ...(conversation.assigneeId ? { declinedBy: [conversation.assigneeId] } : {}),
      teamId: team.id,
      // keeps its place: it has waited since it first asked for a person
      queuedAt: conversation.queuedAt ?? new Date(),
      handoff: {
        tier: team.tier === 2 ? 'expert' : 'agent',
        // for people (the queue is `teamId`)
        team: team.name,
        detail: note ?? conversation.handoff?.detail ?? null,
      },
    },
    notice: { code: 'transferred', teamName: team.name },
    data: { from, to, note },
    transfer: { from, to, note },
  });
}

/** Gives a waiting or served conversation back to the bot (e.g. to run a flow); it owes nothing before now. */
export async function handBackToBot(
  deps: Deps,
  input: { workspaceId: string; conversationId: string; actor: Extract<Actor, { kind: 'agent' }> },
): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  assertMayHandle(conversation, input.actor);
  return applyTransition(deps, {
    conversation,
    command: 'handBack',
    actor: input.actor,
    patch: {
      assigneeId: null,
      teamId: null,
      queuedAt: null,
      settleBot: true,
      handoffReason: null,
      handoff: null,
    },
    notice: { code: 'back_to_bot' },
  });
}

/**
 * The person serving went offline and their grace period ran out: the conversation goes back to the queue
 * at its old place and priority, and the customer is told. Null when it changed meanwhile (they came back).
 */
export async function requeueFromOfflineAgent(
  deps: Deps,
  conversation: Conversation,
): Promise<Conversation | null> {
  try {
    return await applyTransition(deps, {
      conversation,
      command: 'release',
      actor: { kind: 'system' },
      patch: { assigneeId: null },
      notice: { code: 'agent_left' },
      data: { why: 'agent_offline', userId: conversation.assigneeId },
      why: 'agent_offline',
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_transition') return null;
    throw error;
  }
}
