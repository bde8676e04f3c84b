import type { HandoffReason, HandoffTarget } from '@tandem/protocol';
import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { applyTransition } from './transition.ts';

export interface RequestHumanInput {
  conversation: Conversation;
  reason: HandoffReason;
  actor: Actor;
  /** queue priority; higher is served first */
  priority?: number;
  /** the tier and team asked for (default: an agent, any team) */
  target?: HandoffTarget;
}

/**
 * Hands a bot conversation to the human queue with a reason.
 * Asking again while queued or assigned is not an error: the customer simply keeps their place.
 */
export async function requestHuman(deps: Deps, input: RequestHumanInput): Promise<Conversation> {
  const { conversation } = input;
  if (conversation.status === 'queued' || conversation.status === 'assigned') return conversation;
  return applyTransition(deps, {
    conversation,
    command: 'requestHuman',
    actor: input.actor,
    patch: {
      handoffReason: input.reason,
      handoff: input.target ?? { tier: 'agent', team: null, detail: null },
      queuedAt: new Date(),
      priority: Math.max(conversation.priority, input.priority ?? 0),
    },
    notice: { code: 'queued' },
    data: { reason: input.reason, ...(input.target ? { target: input.target } : {}) },
  });
}
