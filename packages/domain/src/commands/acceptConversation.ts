import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { applyTransition } from './transition.ts';

export interface AcceptConversationInput {
  workspaceId: string;
  conversationId: string;
  agent: Extract<Actor, { kind: 'agent' }>;
}

/**
 * An agent takes a queued conversation. Race-safe: when two agents accept at once exactly one wins,
 * the other gets `already_assigned`.
 */
export async function acceptConversation(deps: Deps, input: AcceptConversationInput): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  if (conversation.status === 'assigned') {
    if (conversation.assigneeId === input.agent.user.id) return conversation;
    throw new DomainError('already_assigned', 'a teammate has already accepted this conversation');
  }
  try {
    return await applyTransition(deps, {
      conversation,
      command: 'accept',
      actor: input.agent,
      patch: { assigneeId: input.agent.user.id, lastAgentId: input.agent.user.id, assignedAt: new Date() },
      notice: { code: 'agent_joined', agentName: input.agent.user.name },
      assigneeName: input.agent.user.name,
    });
  } catch (error) {
    const current = await deps.store.conversations.findById(conversation.id);
    if (current?.status === 'assigned' && current.assigneeId !== input.agent.user.id) {
      throw new DomainError('already_assigned', 'a teammate has already accepted this conversation');
    }
    throw error;
  }
}
