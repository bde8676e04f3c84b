import { conversationChangeEvents } from '@tandem/domain';
import type { InboxActivity } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { presentAgentConversation } from '../presenters/conversation.ts';
import { presentTrajectory } from '../presenters/emotion.ts';
import type { AgentNamespace } from '../realtime/agentNamespace.ts';
import { rooms } from '../realtime/rooms.ts';

/** Messages are gathered for this long and sent to a workspace's staff as one `inbox:activity`. */
const ACTIVITY_MS = 250;
/** Changed conversations are gathered for this long and read in one query (a queued customer shows at once). */
const ROWS_MS = 50;

/**
 * The staff inbox, kept live. Its cost does not grow with every message × every staff member:
 * - a message becomes a small row delta (preview, emotion, time) built from the event, coalesced per
 *   workspace into one `inbox:activity` a few times a second — no database read;
 * - a change of state (opened, queued, assigned, resolved, annotated …) sends the whole row: the rows
 *   changed within 50 ms are read in one query, however many conversations and staff there are;
 * - nothing at all is done for a workspace with no staff connected.
 */
export function startInboxProjection(ctx: AppContext, agent: AgentNamespace): Array<() => void> {
  const staffOnline = (workspaceId: string) =>
    (agent.adapter.rooms.get(rooms.workspace(workspaceId))?.size ?? 0) > 0;
  const activity = new Map<string, Map<string, InboxActivity>>();
  let activityTimer: NodeJS.Timeout | null = null;
  const rows = new Map<string, Set<string>>();
  let rowTimer: NodeJS.Timeout | null = null;

  const flushActivity = () => {
    activityTimer = null;
    for (const [workspaceId, items] of activity) {
      agent.to(rooms.workspace(workspaceId)).emit('inbox:activity', { items: [...items.values()] });
    }
    activity.clear();
  };

  const flushRows = async () => {
    rowTimer = null;
    const batch = [...rows];
    rows.clear();
    for (const [workspaceId, ids] of batch) {
      // one query per workspace and flush, however many conversations changed (a wave of new ones)
      for (const row of await ctx.store.inbox.findMany(workspaceId, [...ids])) {
        agent.to(rooms.workspace(workspaceId)).emit('conversation:updated', presentAgentConversation(row));
      }
    }
  };

  return [
    ctx.events.subscribe('message.created', ({ message, conversation }) => {
      if (message.authorKind === 'system' || !staffOnline(conversation.workspaceId)) return;
      const items = activity.get(conversation.workspaceId) ?? new Map<string, InboxActivity>();
      activity.set(conversation.workspaceId, items);
      items.set(conversation.id, {
        conversationId: conversation.id,
        status: conversation.status,
        lastMessage: {
          text: message.text,
          authorKind: message.authorKind,
          createdAt: message.createdAt.toISOString(),
        },
        emotion: presentTrajectory(conversation.emotion),
        updatedAt: message.createdAt.toISOString(),
      });
      activityTimer ??= setTimeout(flushActivity, ACTIVITY_MS);
    }),
    // a conversation opened by a customer's first message: its whole row is in the event (the bot holds it,
    // no team yet), so a wave of new conversations costs no query
    ctx.events.subscribe('conversation.opened', ({ conversation, contact, firstMessage }) => {
      if (!contact || !staffOnline(conversation.workspaceId)) return;
      agent.to(rooms.workspace(conversation.workspaceId)).emit(
        'conversation:updated',
        presentAgentConversation({
          conversation,
          contact: { id: contact.id, name: contact.name, lang: contact.lang, attributes: contact.attributes },
          assignee: null,
          team: null,
          lastMessage: firstMessage
            ? {
                text: firstMessage.text,
                authorKind: firstMessage.authorKind,
                createdAt: firstMessage.createdAt,
              }
            : null,
        }),
      );
    }),
    ...conversationChangeEvents.map((name) =>
      ctx.events.subscribe(name, (change) => {
        const { conversation } = change;
        if (!staffOnline(conversation.workspaceId)) return;
        if (name === 'conversation.opened' && 'contact' in change && change.contact) return; // sent above
        const ids = rows.get(conversation.workspaceId) ?? new Set<string>();
        rows.set(conversation.workspaceId, ids);
        ids.add(conversation.id);
        rowTimer ??= setTimeout(
          () =>
            void flushRows().catch((error: unknown) => ctx.log.error({ err: error }, 'inbox update failed')),
          ROWS_MS,
        );
      }),
    ),
    () => {
      if (activityTimer) clearTimeout(activityTimer);
      if (rowTimer) clearTimeout(rowTimer);
    },
  ];
}
