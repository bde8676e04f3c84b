import { forbidden } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { applyTransition } from './transition.ts';

export interface CloseConversationInput {
  workspaceId: string;
  conversationId: string;
  actor: Actor;
}

/** Closes a conversation for good (admins and supervisors, or the system, e.g. for retention). */
export async function closeConversation(deps: Deps, input: CloseConversationInput): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  if (input.actor.kind === 'agent' && !['admin', 'supervisor'].includes(input.actor.user.role)) {
    throw forbidden('only admins and supervisors may close conversations');
  }
  return applyTransition(deps, { conversation, command: 'close', actor: input.actor });
}
