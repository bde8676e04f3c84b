import {
  assistResponseSchema,
  conversationParamsSchema,
  conversationSearchQuerySchema,
  conversationSearchResponseSchema,
  replyVariablesResponseSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { assistConversation } from '../services/assist.ts';
import { searchConversations } from '../services/conversationSearch.ts';
import { replyVariables } from '../services/replyVariables.ts';

/** What helps a person answer: conversation search, knowledge suggestions, canned-reply variables. */
export function assistRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations/search',
    summary:
      'Search conversations by message text, customer, tag, time, person and status (newest first, paged)',
    tag: 'conversations',
    staff: true,
    query: conversationSearchQuerySchema,
    response: conversationSearchResponseSchema,
    handler: ({ user, query }) => searchConversations(ctx, user, query),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations/:id/assist',
    summary: "Knowledge-base answers (up to 3) for the customer's last message, as the bot ranks them",
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    response: assistResponseSchema,
    handler: ({ user, params }) => assistConversation(ctx, user, params.id),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations/:id/reply-variables',
    summary: 'The values of canned-reply variables ({customer.name}, {order.number} …) in this conversation',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    response: replyVariablesResponseSchema,
    handler: async ({ user, params }) => ({ variables: await replyVariables(ctx, user, params.id) }),
  });
}
