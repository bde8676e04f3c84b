import { DomainError, type User } from '@tandem/domain';
import {
  type AgentClientEvents,
  type AgentServerEvents,
  agentSendSchema,
  agentTypingSchema,
  consultLeaveSchema,
  consultSchema,
  conversationRefSchema,
  presenceSetSchema,
  resolveSchema,
  transferSchema,
} from '@tandem/protocol';
import type { Namespace, Server } from 'socket.io';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';
import { isConsoleRequest } from '../http/origin.ts';
import { SESSION_COOKIE, userForSessionToken } from '../http/session.ts';
import * as actions from '../services/agentActions.ts';
import { hashToken } from '../services/tokens.ts';
import { createHandler } from './handle.ts';
import { safeConnection, safeMiddleware, socketError } from './middleware.ts';
import { rooms } from './rooms.ts';

export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents>;

/** The value of one cookie; a value that is not valid percent-encoding counts as absent (it cannot be ours). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `/agent`: staff, authenticated by the session cookie. Presence follows their open sockets. */
export function setupAgentNamespace(io: Server, ctx: AppContext): AgentNamespace {
  const nsp: AgentNamespace = io.of('/agent');
  const openSockets = new Map<string, number>();

  // the console is served by Tandem itself: a staff socket from another site is refused
  // every middleware and listener is contained: a throw refuses or drops one socket, never the process
  nsp.use(
    safeMiddleware(ctx, (socket, next) => {
      if (isConsoleRequest(ctx.config, socket.handshake.headers)) return next();
      next(socketError('forbidden', 'the console must be opened from this server'));
    }),
  );

  nsp.use(
    safeMiddleware(ctx, async (socket, next) => {
      const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = await userForSessionToken(ctx, token);
      if (!user || !token) return next(socketError('unauthenticated', 'sign in to continue'));
      socket.data.user = user;
      socket.data.sessionHash = hashToken(token);
      next();
    }),
  );

  nsp.on(
    'connection',
    safeConnection(ctx, async (socket) => {
      const user = socket.data.user as User;
      const count = (openSockets.get(user.id) ?? 0) + 1;
      openSockets.set(user.id, count);
      // every event re-checks the session, so a signed-out or expired session stops acting at once
      const on = createHandler(ctx, socket, async () => {
        const current = await ctx.store.auth.findSessionUser(socket.data.sessionHash as string, new Date());
        if (!current) {
          socket.disconnect(true);
          throw new DomainError('unauthenticated', 'your session has ended; sign in again');
        }
        // a change of role or name by an admin counts from the next event, as for REST requests
        Object.assign(user, current);
      });
      const joinConversation = (id: string) =>
        nsp.in(rooms.user(user.id)).socketsJoin(rooms.conversation(id));

      on('conversation:accept', conversationRefSchema, async ({ conversationId }) => {
        const conversation = await actions.accept(ctx, user, conversationId);
        joinConversation(conversationId);
        return { conversation };
      });
      on('conversation:resolve', resolveSchema, async ({ conversationId, disposition }) => ({
        conversation: await actions.resolve(ctx, user, conversationId, disposition),
      }));
      on('consult:invite', consultSchema, async (payload) => ({
        conversation: await actions.invite(ctx, user, payload.conversationId, payload.userId),
      }));
      on('consult:leave', consultLeaveSchema, async (payload) => ({
        conversation: await actions.leave(ctx, user, payload.conversationId, payload.userId),
      }));
      on('conversation:decline', conversationRefSchema, async ({ conversationId }) => ({
        conversation: await actions.decline(ctx, user, conversationId),
      }));
      on('conversation:release', conversationRefSchema, async ({ conversationId }) => ({
        conversation: await actions.release(ctx, user, conversationId),
      }));
      on('conversation:transfer', transferSchema, async (payload) => ({
        conversation: await actions.transfer(ctx, user, payload),
      }));
      on('conversation:handback', conversationRefSchema, async ({ conversationId }) => ({
        conversation: await actions.handBack(ctx, user, conversationId),
      }));
      on('conversation:reopen', conversationRefSchema, async ({ conversationId }) => {
        const conversation = await actions.reopen(ctx, user, conversationId);
        joinConversation(conversationId);
        return { conversation };
      });
      on('conversation:watch', conversationRefSchema, async ({ conversationId }) => {
        await actions.assertVisible(ctx, user, conversationId);
        await socket.join(rooms.conversation(conversationId));
        return { watching: conversationId };
      });
      on('conversation:unwatch', conversationRefSchema, async ({ conversationId }) => {
        // an assignee keeps the rooms of their own conversations
        const conversation = await ctx.store.conversations.findById(conversationId);
        if (conversation?.assigneeId !== user.id) await socket.leave(rooms.conversation(conversationId));
        return { watching: null };
      });
      on('message:send', agentSendSchema, async (payload) => ({
        message: await actions.sendAgentMessage(ctx, user, payload),
      }));
      on('typing', agentTypingSchema, async ({ conversationId, typing }) => {
        const conversation = await ctx.store.conversations.findById(conversationId);
        if (conversation?.workspaceId === user.workspaceId && conversation.assigneeId === user.id) {
          io.of('/widget')
            .to(rooms.contact(conversation.contactId))
            .emit('typing', { author: 'agent', name: user.name, typing });
        }
        return null;
      });
      on('presence:set', presenceSetSchema, async ({ presence }) => ({
        presence: await actions.setPresence(ctx, user, presence),
      }));

      socket.on('disconnect', () => {
        const left = (openSockets.get(user.id) ?? 1) - 1;
        if (left > 0) return void openSockets.set(user.id, left);
        openSockets.delete(user.id);
        // a chosen "away" (in any tab) stays as chosen; otherwise away until they reconnect (offline after
        // the grace period)
        void (async () => {
          const current = await ctx.store.users.findById(user.id);
          // back already (a reload): nothing to do
          if (openSockets.has(user.id)) return;
          if (
            !current ||
            (current.presence === 'away' && !current.presenceAuto) ||
            current.presence === 'offline'
          )
            return;
          await actions.setPresence(ctx, user, 'away', true);
        })().catch((error: unknown) => ctx.log.warn({ err: safeError(error) }, 'presence update failed'));
      });

      // the handlers above are registered before any await, so no early event is lost
      await socket.join([rooms.workspace(user.workspaceId), rooms.user(user.id)]);
      for (const conversation of await ctx.store.conversations.listAssignedTo(user.id)) {
        await socket.join(rooms.conversation(conversation.id));
      }
      // back from a closed connection (or a new sign-in): online; a chosen "away" stays
      if (count === 1 && (user.presence === 'offline' || (user.presence === 'away' && user.presenceAuto))) {
        await actions.setPresence(ctx, user, 'online');
      }
    }),
  );
  // a sign-out closes that session's live connections at once
  ctx.events.subscribe('session.ended', ({ sessionHash }) => {
    for (const socket of nsp.sockets.values()) {
      if (socket.data.sessionHash === sessionHash) socket.disconnect(true);
    }
  });
  return nsp;
}
