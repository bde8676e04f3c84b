import type { AppContext } from '../context.ts';
import { presentAgentConversation, presentWidgetConversation } from '../presenters/conversation.ts';
import { presentMessage, staffNames } from '../presenters/message.ts';
import type { AgentNamespace } from './agentNamespace.ts';
import { rooms } from './rooms.ts';
import type { WidgetNamespace } from './widgetNamespace.ts';

/**
 * Realtime fan-out: one listener turns committed domain events into socket events, through presenters.
 * Customers get only their own conversation; staff get their workspace's inbox and watched conversations.
 */
export function startFanout(
  ctx: AppContext,
  widget: WidgetNamespace,
  agent: AgentNamespace,
): Array<() => void> {
  const pushInboxRow = async (workspaceId: string, conversationId: string) => {
    const row = await ctx.store.inbox.findOne(workspaceId, conversationId);
    if (row)
      agent.to(rooms.workspace(workspaceId)).emit('conversation:updated', presentAgentConversation(row));
  };

  return [
    ctx.events.subscribe('message.created', async ({ message, conversation }) => {
      const names =
        message.authorKind === 'agent' ? await staffNames(ctx.store, message.workspaceId) : new Map();
      widget
        .to(rooms.contact(conversation.contactId))
        .emit('message:new', presentMessage(message, names, 'customer'));
      agent
        .to(rooms.conversation(conversation.id))
        .emit('message:new', presentMessage(message, names, 'staff'));
      await pushInboxRow(conversation.workspaceId, conversation.id);
    }),
    ctx.events.subscribe('conversation.changed', async ({ conversation }) => {
      widget
        .to(rooms.contact(conversation.contactId))
        .emit('conversation:updated', await presentWidgetConversation(ctx.store, conversation));
      await pushInboxRow(conversation.workspaceId, conversation.id);
    }),
    ctx.events.subscribe('presence.changed', ({ workspaceId, userId, presence }) => {
      agent.to(rooms.workspace(workspaceId)).emit('presence:changed', { userId, presence });
    }),
  ];
}
