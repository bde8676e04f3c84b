import {
  agentSendBodySchema,
  consultSchema,
  conversationParamsSchema,
  conversationResponseSchema,
  inboxQuerySchema,
  inboxResponseSchema,
  messageResponseSchema,
  resolveSchema,
  transferSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { presentAgentConversation } from '../presenters/conversation.ts';
import * as actions from '../services/agentActions.ts';

const conversationOnly = z.object({ conversation: conversationResponseSchema.shape.conversation });

export function conversationRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations',
    summary: 'Inbox: conversations of a view (queued by priority and wait; others by recent activity)',
    tag: 'conversations',
    staff: true,
    query: inboxQuerySchema,
    response: inboxResponseSchema,
    handler: async ({ user, query }) => {
      const rows = await ctx.store.inbox.list(user.workspaceId, query.view, user.id, query.limit);
      return { conversations: rows.map(presentAgentConversation) };
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations/:id',
    summary: 'A conversation with its whole transcript (bot turns included)',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    response: conversationResponseSchema,
    handler: ({ user, params }) => actions.getConversationWithMessages(ctx, user, params.id),
  });

  const command = (url: string, summary: string, fn: typeof actions.accept) =>
    defineRoute(app, ctx, routes, {
      method: 'POST',
      url: `/api/conversations/:id/${url}`,
      summary,
      tag: 'conversations',
      staff: true,
      params: conversationParamsSchema,
      response: conversationOnly,
      handler: async ({ user, params }) => ({ conversation: await fn(ctx, user, params.id) }),
    });
  command('accept', 'Accept a queued conversation (exactly one of racing agents wins)', actions.accept);
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/conversations/:id/resolve',
    summary: 'Resolve a conversation, optionally with disposition tags (how it ended)',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    body: resolveSchema.omit({ conversationId: true }),
    response: conversationOnly,
    handler: async ({ user, params, body }) => ({
      conversation: await actions.resolve(ctx, user, params.id, body.disposition),
    }),
  });
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/conversations/:id/consultants',
    summary: 'Invite an expert to consult (internal notes or replies); they join until they leave',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    body: consultSchema.omit({ conversationId: true }),
    response: conversationOnly,
    handler: async ({ user, params, body }) => ({
      conversation: await actions.invite(ctx, user, params.id, body.userId),
    }),
  });
  defineRoute(app, ctx, routes, {
    method: 'DELETE',
    url: '/api/conversations/:id/consultants/:userId',
    summary: 'Leave a consult (or remove an expert from it)',
    tag: 'conversations',
    staff: true,
    params: z.object({ id: z.uuid(), userId: z.uuid() }),
    response: conversationOnly,
    handler: async ({ user, params }) => ({
      conversation: await actions.leave(ctx, user, params.id, params.userId),
    }),
  });
  command('release', 'Put an assigned conversation back in the queue', actions.release);
  command('close', 'Close a conversation for good (admins and supervisors)', actions.close);
  command(
    'decline',
    'Turn down the conversation offered to me (it goes to the next person)',
    actions.decline,
  );
  command('handback', 'Hand the conversation back to the bot', actions.handBack);
  command(
    'reopen',
    'Reopen a resolved conversation: assigned to me (its person, supervisors, admins; within capacity)',
    actions.reopen,
  );

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/conversations/:id/transfer',
    summary: 'Pass the conversation to a person, a team or the expert tier, with a note',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    body: transferSchema.omit({ conversationId: true }),
    response: conversationOnly,
    handler: async ({ user, params, body }) => ({
      conversation: await actions.transfer(ctx, user, { conversationId: params.id, ...body }),
    }),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/conversations/:id/messages',
    summary: 'Reply as the assigned agent (idempotent on clientId)',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    body: agentSendBodySchema,
    response: messageResponseSchema,
    status: 201,
    handler: async ({ user, params, body }) => ({
      message: await actions.sendAgentMessage(ctx, user, { conversationId: params.id, ...body }),
    }),
  });
}
