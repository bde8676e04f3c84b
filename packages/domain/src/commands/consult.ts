import { DomainError, notFound } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Conversation } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { createOutbox } from './outbox.ts';
import { assertMayAct } from './permissions.ts';

type Staff = Extract<Actor, { kind: 'agent' }>;

/**
 * The person serving (or a supervisor) invites an expert to consult: the expert joins the conversation, may
 * write internal notes or reply to the customer, and leaves when done; the person serving keeps it. The
 * customer is told an expert joined (by name).
 */
export async function inviteConsultant(
  deps: Deps,
  input: { workspaceId: string; conversationId: string; actor: Staff; userId: string },
): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  assertMayAct(conversation, input.actor);
  if (conversation.status !== 'assigned')
    throw new DomainError('invalid_transition', 'an expert can join a conversation a person is serving');
  const expert = await deps.store.users.findById(input.userId);
  if (!expert || expert.workspaceId !== input.workspaceId) throw notFound('user', input.userId);
  if (expert.id === conversation.assigneeId)
    throw new DomainError('bad_request', 'this person is already serving it');
  if (expert.presence !== 'online')
    throw new DomainError('target_unavailable', `${expert.name} is not online now`);
  const outbox = createOutbox();
  await deps.store.transaction(async (tx) => {
    if (!(await tx.service.addParticipant(conversation.id, expert.id, input.actor.user.id))) return;
    await tx.events.record({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      type: 'consult_start',
      fromStatus: conversation.status,
      toStatus: conversation.status,
      actorKind: 'agent',
      actorId: input.actor.user.id,
      data: { userId: expert.id },
    });
    const { message } = await tx.messages.append({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      clientId: null,
      authorKind: 'system',
      authorId: null,
      text: '',
      notice: { code: 'expert_joined', agentName: expert.name },
    });
    outbox.add('conversation.consulted', {
      conversation,
      actor: input.actor,
      userId: expert.id,
      joined: true,
    });
    outbox.add('message.created', { message, conversation: { ...conversation, lastSeq: message.seq } });
  });
  outbox.publish(deps.events);
  return conversation;
}

/** An expert consulting on a conversation leaves it (or a supervisor, or the person serving, removes them). */
export async function leaveConsult(
  deps: Deps,
  input: { workspaceId: string; conversationId: string; actor: Staff; userId?: string },
): Promise<Conversation> {
  const conversation = await loadConversation(deps.store, input.workspaceId, input.conversationId);
  const userId = input.userId ?? input.actor.user.id;
  if (userId !== input.actor.user.id) assertMayAct(conversation, input.actor);
  const outbox = createOutbox();
  const left = await deps.store.transaction(async (tx) => {
    if (!(await tx.service.removeParticipant(conversation.id, userId))) return false;
    await tx.events.record({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      type: 'consult_end',
      fromStatus: conversation.status,
      toStatus: conversation.status,
      actorKind: 'agent',
      actorId: input.actor.user.id,
      data: { userId },
    });
    outbox.add('conversation.consulted', { conversation, actor: input.actor, userId, joined: false });
    return true;
  });
  if (!left) throw new DomainError('bad_request', 'this person is not consulting on the conversation');
  outbox.publish(deps.events);
  return conversation;
}
