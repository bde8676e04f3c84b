import type { AppContext } from '../context.ts';
import type { AgentNamespace } from '../realtime/agentNamespace.ts';
import type { WidgetNamespace } from '../realtime/widgetNamespace.ts';
import { startAnalytics } from './analytics.ts';
import { startBotParticipant } from './botParticipant.ts';
import { startInboxProjection } from './inboxProjection.ts';
import { startRealtimeFanout } from './realtimeFanout.ts';
import { startRouting } from './routing.ts';
import { startServiceLevels } from './serviceLevels.ts';
import type { StopListener } from './stopListener.ts';

export type { StopListener } from './stopListener.ts';

/**
 * The listeners of domain events, one per concern; each runs after the commit and after the sender's
 * acknowledgement, isolated from the others (see the event bus). Later: analytics, webhooks, channels.
 */
export function startListeners(
  ctx: AppContext,
  sockets: { widget: WidgetNamespace; agent: AgentNamespace },
  options: {
    botSweepMs: number;
    routingTickMs: number;
    serviceTickMs: number;
    analyticsRollupDelayMs: number;
  },
): StopListener[] {
  return [
    ...startRealtimeFanout(ctx, sockets.widget, sockets.agent),
    ...startInboxProjection(ctx, sockets.agent),
    startBotParticipant(ctx, { sweepMs: options.botSweepMs }),
    ...startRouting(ctx, sockets.agent, { tickMs: options.routingTickMs }),
    ...startServiceLevels(ctx, sockets.agent, { tickMs: options.serviceTickMs }),
    ...startAnalytics(ctx, { flushMs: 1000, rollupDelayMs: options.analyticsRollupDelayMs }),
  ];
}
