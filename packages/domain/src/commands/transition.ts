import type { SystemNotice } from '@tandem/protocol';
import { nextStatus, type TransitionCommand } from '../conversation/stateMachine.ts';
import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { ConversationPatch } from '../ports.ts';
import type { Actor, Conversation, Message } from '../records.ts';

export interface TransitionInput {
  conversation: Conversation;
  command: TransitionCommand;
  actor: Actor;
  patch?: Omit<ConversationPatch, 'status'>;
  /** a system message shown to both sides, e.g. "Wang joined" */
  notice?: SystemNotice;
  data?: Record<string, unknown>;
}

const actorId = (actor: Actor) =>
  actor.kind === 'agent' ? actor.user.id : actor.kind === 'customer' ? actor.contactId : null;

/**
 * Moves a conversation along the state machine atomically: compare-and-set on the current status,
 * an event-log row and the optional system notice in one transaction; events published after commit.
 * Throws `invalid_transition` when the command is not allowed, or when another actor moved it first.
 */
export async function applyTransition(deps: Deps, input: TransitionInput): Promise<Conversation> {
  const { conversation, command, actor } = input;
  const to = nextStatus(conversation.status, command);
  const result = await deps.store.transaction(async (tx) => {
    const updated = await tx.conversations.transition(conversation.id, conversation.status, {
      status: to,
      ...input.patch,
    });
    if (!updated) return null;
    await tx.events.record({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      type: command,
      fromStatus: conversation.status,
      toStatus: to,
      actorKind: actor.kind,
      actorId: actorId(actor),
      data: input.data ?? {},
    });
    let notice: Message | null = null;
    if (input.notice) {
      const appended = await tx.messages.append({
        conversationId: conversation.id,
        workspaceId: conversation.workspaceId,
        clientId: null,
        authorKind: 'system',
        authorId: null,
        text: '',
        notice: input.notice,
      });
      notice = appended.message;
    }
    const current = (await tx.conversations.findById(conversation.id)) ?? updated;
    return { conversation: current, notice };
  });
  if (!result) {
    const current = await deps.store.conversations.findById(conversation.id);
    throw new DomainError(
      'invalid_transition',
      `conversation changed meanwhile (now ${current?.status ?? 'gone'}); cannot ${command}`,
    );
  }
  await deps.events.publish('conversation.changed', { conversation: result.conversation, command });
  if (result.notice) {
    await deps.events.publish('message.created', {
      message: result.notice,
      conversation: result.conversation,
    });
  }
  return result.conversation;
}
