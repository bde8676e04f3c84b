import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { assertMayResolve } from './permissions.ts';
import { applyTransition } from './transition.ts';

export interface ResolveConversationInput {
  workspaceId: string;
  conversationId: string;
  actor: Actor;
  /** how it ended (tags such as refunded, duplicate) */
  disposition?: string[];
}

/**
 * Marks a conversation resolved; the customer is told and may start again by writing.
 * Only its assignee, supervisors and admins may (`assertMayResolve`).
 */
export async function resolveConversation(
  deps: Deps,
  input: ResolveConversationInput,
): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  assertMayResolve(conversation, input.actor);
  return applyTransition(deps, {
    conversation,
    command: 'resolve',
    actor: input.actor,
    patch: {
      resolvedAt: new Date(),
      ...(input.disposition ? { disposition: [...new Set(input.disposition)] } : {}),
    },
    ...(input.disposition?.length ? { data: { disposition: [...new Set(input.disposition)] } } : {}),
    notice: { code: 'resolved' },
  });
}
