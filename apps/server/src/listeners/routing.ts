import { endOffer } from '@tandem/domain';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';
import type { AgentNamespace } from '../realtime/agentNamespace.ts';
import { rooms } from '../realtime/rooms.ts';
import { agentConversationView } from '../services/agentActions.ts';
import type { StopListener } from './stopListener.ts';

const QUEUE_CHANGES = [
  'conversation.queued',
  'conversation.released',
  'conversation.transferred',
  'conversation.offerEnded',
  'conversation.assigned',
  'conversation.handedBack',
  'conversation.resolved',
  'conversation.closed',
] as const;

/**
 * Routing after commit: a change of a queue, or of someone's capacity or presence, schedules a routing pass;
 * a person who is no longer online loses their pending offers; offers are told to the person offered, and
 * withdrawn offers too. The timers (offer timeouts, offline grace) are ticked from the database.
 */
export function startRouting(
  ctx: AppContext,
  agent: AgentNamespace,
  options: { tickMs: number },
): StopListener[] {
  const offSubscriptions = [
    ...QUEUE_CHANGES.map((name) =>
      ctx.events.subscribe(name, (change) => {
        ctx.router.schedule(change.conversation.workspaceId);
        if (change.endedOfferTo) {
          agent
            .to(rooms.user(change.endedOfferTo))
            .emit('offer:withdrawn', { conversationId: change.conversation.id });
        }
      }),
    ),
    ctx.events.subscribe('conversation.offered', async ({ conversation, userId, expiresAt }) => {
      const view = await agentConversationView(ctx, conversation.workspaceId, conversation.id);
      agent
        .to(rooms.user(userId))
        .emit('conversation:offered', { conversation: view, expiresAt: expiresAt.toISOString() });
    }),
    ctx.events.subscribe('conversation.offerEnded', ({ conversation, userId }) => {
      agent.to(rooms.user(userId)).emit('offer:withdrawn', { conversationId: conversation.id });
    }),
    ctx.events.subscribe('presence.changed', async ({ workspaceId, userId, presence }) => {
      if (presence !== 'online') {
        for (const conversation of await ctx.store.routing.listOffersTo(userId)) {
          await endOffer(ctx.deps, { conversation, userId, why: 'withdrawn', actor: { kind: 'system' } });
        }
      }
      ctx.router.schedule(workspaceId);
    }),
  ];
  let ticking: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = ctx.router
      .tick()
      .catch((error: unknown) =>
        ctx.log.error({ err: safeError(error) }, 'routing timers failed; retried next tick'),
      )
      .finally(() => {
        ticking = null;
      });
  }, options.tickMs);
  timer.unref();
  return [
    ...offSubscriptions,
    () => {
      clearInterval(timer);
      ctx.router.stop();
      return ticking ?? undefined;
    },
  ];
}
