import {
  conversationParamsSchema,
  draftRewriteBodySchema,
  draftRewriteResultSchema,
  langSchema,
  replySuggestionsSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { rewriteDraft, suggestReplies, summarizeConversation } from '../llm/assist.ts';

/** Agent assist with the language model (each falls back, or says `llm_unavailable`, without one). */
export function llmAssistRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations/:id/summary',
    summary: 'A hand-over summary: by the language model when on for agent assist, else the extractive one',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    query: z.object({ lang: langSchema.optional() }),
    response: z.object({ text: z.string(), via: z.enum(['model', 'extractive']) }),
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: ({ user, params, query }) =>
      summarizeConversation(ctx, user, params.id, query.lang ?? user.locale),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations/:id/reply-drafts',
    summary: "Reply drafts for the customer's last message, grounded in the knowledge base and documents",
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    response: replySuggestionsSchema,
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: ({ user, params }) => suggestReplies(ctx, user, params.id),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/conversations/:id/draft/rewrite',
    summary: "The agent's draft made warmer, more concise, or translated (needs the language model)",
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    body: draftRewriteBodySchema,
    response: draftRewriteResultSchema,
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: ({ user, params, body }) => rewriteDraft(ctx, user, params.id, body),
  });
}
