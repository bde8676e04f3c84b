import {
  acceptConversation,
  closeConversation,
  declineOffer,
  handBackToBot,
  inviteConsultant,
  leaveConsult,
  loadConversation,
  notFound,
  postAgentMessage,
  releaseConversation,
  reopenConversation,
  resolveConversation,
  transferConversation,
  type User,
} from '@tandem/domain';
import type { AgentConversation, MessageView, Presence, TransferTarget } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { presentAgentConversation } from '../presenters/conversation.ts';
import { presentMessage, presentMessages } from '../presenters/message.ts';
import { staffActor } from './staffAuth.ts';

/** Staff operations, shared by the REST routes and the /agent socket handlers. */

export async function agentConversationView(
  ctx: AppContext,
  workspaceId: string,
  id: string,
): Promise<AgentConversation> {
  const row = await ctx.store.inbox.findOne(workspaceId, id);
  if (!row) throw notFound('conversation', id);
  return presentAgentConversation(row);
}

export async function getConversationWithMessages(ctx: AppContext, user: User, id: string) {
  const conversation = await agentConversationView(ctx, user.workspaceId, id);
  const messages = await ctx.store.messages.listByConversation(id);
  return {
    conversation,
    messages: await presentMessages(ctx.store, user.workspaceId, messages, 'staff', ctx.attachments),
  };
}

type Command =
  | typeof acceptConversation
  | typeof releaseConversation
  | typeof closeConversation
  | typeof declineOffer
  | typeof handBackToBot
  | typeof reopenConversation;

async function run(ctx: AppContext, user: User, id: string, command: Command): Promise<AgentConversation> {
  const input = {
    workspaceId: user.workspaceId,
    conversationId: id,
    agent: staffActor(user),
    actor: staffActor(user),
  };
  await command(ctx.deps, input);
  return agentConversationView(ctx, user.workspaceId, id);
}

export const accept = (ctx: AppContext, user: User, id: string) => run(ctx, user, id, acceptConversation);
export async function resolve(
  ctx: AppContext,
  user: User,
  id: string,
  disposition?: string[],
): Promise<AgentConversation> {
  await resolveConversation(ctx.deps, {
    workspaceId: user.workspaceId,
    conversationId: id,
    actor: staffActor(user),
    ...(disposition ? { disposition } : {}),
  });
  return agentConversationView(ctx, user.workspaceId, id);
}

/** Invites an expert to consult on a conversation I serve (or any, as a supervisor). */
export async function invite(ctx: AppContext, user: User, id: string, expertId: string) {
  await inviteConsultant(ctx.deps, {
    workspaceId: user.workspaceId,
    conversationId: id,
    actor: staffActor(user),
    userId: expertId,
  });
  return agentConversationView(ctx, user.workspaceId, id);
}

/** Leaves a consult (or removes `userId` from it, as the person serving or a supervisor). */
export async function leave(ctx: AppContext, user: User, id: string, userId?: string) {
  await leaveConsult(ctx.deps, {
    workspaceId: user.workspaceId,
    conversationId: id,
    actor: staffActor(user),
    ...(userId ? { userId } : {}),
  });
  return agentConversationView(ctx, user.workspaceId, id);
}
export const release = (ctx: AppContext, user: User, id: string) => run(ctx, user, id, releaseConversation);
export const close = (ctx: AppContext, user: User, id: string) => run(ctx, user, id, closeConversation);
export const decline = (ctx: AppContext, user: User, id: string) => run(ctx, user, id, declineOffer);
export const handBack = (ctx: AppContext, user: User, id: string) => run(ctx, user, id, handBackToBot);
/** Takes a resolved conversation up again: assigned to me (see `reopenConversation`). */
export const reopen = (ctx: AppContext, user: User, id: string) => run(ctx, user, id, reopenConversation);

export async function transfer(
  ctx: AppContext,
  user: User,
  input: { conversationId: string; to: TransferTarget; note?: string | undefined },
): Promise<AgentConversation> {
  await transferConversation(ctx.deps, {
    workspaceId: user.workspaceId,
    conversationId: input.conversationId,
    actor: staffActor(user),
    to: input.to,
    note: input.note ?? null,
  });
  return agentConversationView(ctx, user.workspaceId, input.conversationId);
}

export async function sendAgentMessage(
  ctx: AppContext,
  user: User,
  input: {
    conversationId: string;
    clientId: string;
    text?: string | undefined;
    internal?: boolean | undefined;
    attachmentIds?: string[] | undefined;
  },
): Promise<MessageView> {
  const { message } = await postAgentMessage(ctx.deps, {
    workspaceId: user.workspaceId,
    conversationId: input.conversationId,
    agent: staffActor(user),
    clientId: input.clientId,
    text: input.text ?? '',
    ...(input.internal ? { internal: true } : {}),
    ...(input.attachmentIds?.length ? { attachmentIds: input.attachmentIds } : {}),
  });
  return presentMessage(message, new Map([[user.id, user.name]]), 'staff', ctx.attachments);
}

/** `auto`: set by the connection closing (not the person's choice): back online when they reconnect. */
export async function setPresence(
  ctx: AppContext,
  user: Pick<User, 'id' | 'workspaceId'>,
  presence: Presence,
  auto = false,
): Promise<Presence> {
  await ctx.store.users.setPresence(user.id, presence, auto);
  await ctx.events.publish('presence.changed', { workspaceId: user.workspaceId, userId: user.id, presence });
  return presence;
}

/** Ensures the conversation belongs to the user's workspace (for watching it live). */
export async function assertVisible(ctx: AppContext, user: User, id: string): Promise<void> {
  await loadConversation(ctx.store, user.workspaceId, id);
}
