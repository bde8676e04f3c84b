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
    patch: { assigneeId: null },
    notice: { code: 'released' },
  });
}
