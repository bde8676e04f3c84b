import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { assertMayAct } from './permissions.ts';
import { applyTransition } from './transition.ts';

export interface ReleaseConversationInput {
  workspaceId: string;
  conversationId: string;
  actor: Actor;
}

/** The assignee (or a supervisor) puts an assigned conversation back in the queue, keeping its place. */
export async function releaseConversation(
  deps: Deps,
  input: ReleaseConversationInput,
): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  assertMayAct(conversation, input.actor);
  return applyTransition(deps, {
    conversation,
    command: 'release',
    actor: input.actor,
    // not offered straight back to the person who put it back (this round)
    patch: {
      assigneeId: null,
      ...(input.actor.kind === 'agent' ? { declinedBy: [input.actor.user.id] } : {}),
    },
    notice: { code: 'released' },
  });
}
