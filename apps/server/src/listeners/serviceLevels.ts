import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';
import type { AgentNamespace } from '../realtime/agentNamespace.ts';
import { rooms } from '../realtime/rooms.ts';
import { agentConversationView } from '../services/agentActions.ts';
import { createMailer } from '../services/mailer.ts';
import { presentTicket } from '../services/tickets.ts';
import type { StopListener } from './stopListener.ts';

/**
 * A timer that runs `work` every `ms`, never two at once; errors are logged and the next run retries. Its stop
 * returns the run under way, if any.
 */
function every(ctx: AppContext, ms: number, what: string, work: () => Promise<unknown>): StopListener {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .then(
        () => undefined,
        (error: unknown) => ctx.log.error({ err: safeError(error) }, `${what} failed; retried next time`),
      )
      .finally(() => {
        running = null;
      });
  }, ms);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running ?? undefined;
  };
}

/**
 * Service levels after commit: a queued customer nobody can take now is told (and offered to leave a
 * message); SLA warnings and breaches reach the workspace's staff, nudges the person serving, consult
 * invitations the expert (who joins the conversation's room); ticket changes reach staff, and the e-mails
 * ticket replies owe are sent. The SLA, nudge and idle timers, and the e-mail queue, live in the database.
 */
export function startServiceLevels(ctx: AppContext, agent: AgentNamespace, options: { tickMs: number }) {
  const mailer = createMailer(ctx);
  const sendMail = () => mailer?.sendOwed() ?? Promise.resolve(0);
  let mailing: Promise<unknown> = Promise.resolve();
  const kickMail = () => {
    mailing = mailing
      .then(sendMail)
      .catch((error: unknown) => ctx.log.error({ err: safeError(error) }, 'sending e-mail failed'));
  };
  return [
    ctx.events.subscribe('conversation.queued', ({ conversation }) =>
      ctx.router.checkAvailability(conversation),
    ),
    ctx.events.subscribe('conversation.sla', ({ conversation, kind, level, dueAt }) => {
      agent.to(rooms.workspace(conversation.workspaceId)).emit('conversation:sla', {
        conversationId: conversation.id,
        kind,
        level,
        dueAt: dueAt.toISOString(),
      });
    }),
    ctx.events.subscribe('conversation.nudged', ({ conversation, userId }) => {
      agent.to(rooms.user(userId)).emit('conversation:nudge', { conversationId: conversation.id });
    }),
    ctx.events.subscribe('conversation.consulted', async ({ conversation, actor, userId, joined }) => {
      if (!joined) {
        agent.in(rooms.user(userId)).socketsLeave(rooms.conversation(conversation.id));
        return;
      }
      agent.in(rooms.user(userId)).socketsJoin(rooms.conversation(conversation.id));
      const view = await agentConversationView(ctx, conversation.workspaceId, conversation.id);
      agent.to(rooms.user(userId)).emit('consult:invited', {
        conversation: view,
        invitedBy: actor.kind === 'agent' ? actor.user.name : '',
      });
    }),
    ctx.events.subscribe('ticket.created', async ({ ticket }) => {
      agent.to(rooms.workspace(ticket.workspaceId)).emit('ticket:updated', await presentTicket(ctx, ticket));
    }),
    ctx.events.subscribe('ticket.updated', async ({ ticket, reply }) => {
      agent.to(rooms.workspace(ticket.workspaceId)).emit('ticket:updated', await presentTicket(ctx, ticket));
      if (reply?.emailState === 'pending') kickMail();
    }),
    every(ctx, options.tickMs, 'service-level timers', () => ctx.router.serviceTick()),
    every(ctx, Math.max(options.tickMs, 1000), 'e-mail queue', async () => {
      kickMail();
      await mailing;
    }),
    () => mailer?.close(),
  ];
}
