import { type Conversation, conversationChangeEvents } from '@tandem/domain';
import type { AppContext } from '../context.ts';
import { widgetConversationView } from '../presenters/conversation.ts';
import { presentMessage } from '../presenters/message.ts';
import type { AgentNamespace } from '../realtime/agentNamespace.ts';
import { rooms } from '../realtime/rooms.ts';
import type { WidgetNamespace } from '../realtime/widgetNamespace.ts';

/**
 * Realtime fan-out to the people in a conversation: the customer's widget gets its messages and status,
 * staff who watch or own the conversation get its messages and the customer's read receipts. Everything needed travels in the event, so
 * nothing is read from the database per message.
 */
export function startRealtimeFanout(
  ctx: AppContext,
  widget: WidgetNamespace,
  agent: AgentNamespace,
): Array<() => void> {
  const assigneeName = async (conversation: Conversation, known: string | null | undefined) => {
    if (conversation.status !== 'assigned' || !conversation.assigneeId) return null;
    if (known !== undefined && known !== null) return known;
    return (await ctx.store.users.findById(conversation.assigneeId))?.name ?? null;
  };

  return [
    ctx.events.subscribe('message.created', ({ message, conversation, authorName }) => {
      const names = new Map(message.authorId && authorName ? [[message.authorId, authorName]] : []);
      // internal notes are for staff only
      if (!message.internal) {
        widget
          .to(rooms.contact(conversation.contactId))
          .emit('message:new', presentMessage(message, names, 'customer', ctx.attachments));
      }
      agent
        .to(rooms.conversation(conversation.id))
        .emit('message:new', presentMessage(message, names, 'staff', ctx.attachments));
    }),
    ...conversationChangeEvents.map((name) =>
      ctx.events.subscribe(name, async (change) => {
        const { conversation } = change;
        // nothing the customer sees changed
        if (
          name === 'conversation.annotated' ||
          name === 'conversation.offered' ||
          name === 'conversation.offerEnded'
        )
          return;
        widget
          .to(rooms.contact(conversation.contactId))
          .emit(
            'conversation:updated',
            widgetConversationView(conversation, await assigneeName(conversation, change.assigneeName)),
          );
      }),
    ),
    // read receipts go to the staff in the conversation (its person, watchers, consulting experts)
    ctx.events.subscribe('conversation.read', ({ conversation, seq }) => {
      agent.to(rooms.conversation(conversation.id)).emit('conversation:read', {
        conversationId: conversation.id,
        seq,
      });
    }),
    ctx.events.subscribe('presence.changed', ({ workspaceId, userId, presence }) => {
      agent.to(rooms.workspace(workspaceId)).emit('presence:changed', { userId, presence });
    }),
    ctx.events.subscribe('bot.status', ({ workspaceId }) => {
      agent.to(rooms.workspace(workspaceId)).emit('bot:status', ctx.bots.status(workspaceId));
    }),
  ];
}
