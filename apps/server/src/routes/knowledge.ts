import {
  botStatusSchema,
  knowledgeEntrySchema,
  knowledgeListSchema,
  knowledgeParamsSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import * as knowledge from '../services/knowledge.ts';

/** The FAQ knowledge base of my workspace: read by staff, changed by admins and supervisors, live in seconds. */
export function knowledgeRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/knowledge',
    summary: 'Every FAQ entry of my workspace',
    tag: 'knowledge',
    staff: true,
    response: knowledgeListSchema,
    handler: ({ user }) => knowledge.listKnowledge(ctx, user),
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/knowledge/:id',
    summary: 'Create or replace an FAQ entry (the bot is retrained in the background and swapped in)',
    tag: 'knowledge',
    staff: true,
    params: knowledgeParamsSchema,
    body: knowledgeEntrySchema,
    response: z.object({ entry: knowledgeEntrySchema, bot: botStatusSchema }),
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, params, body }) => knowledge.saveKnowledgeEntry(ctx, user, params.id, body),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/bot/status',
    summary: "My workspace's bot: training, live (up to which change) or failed (the previous one answers)",
    tag: 'knowledge',
    staff: true,
    response: botStatusSchema,
    handler: async ({ user }) => ctx.bots.status(user.workspaceId),
  });

  defineRoute(app, ctx, routes, {
    method: 'DELETE',
    url: '/api/admin/knowledge/:id',
    summary: 'Remove an FAQ entry',
    tag: 'knowledge',
    staff: true,
    params: knowledgeParamsSchema,
    response: z.object({ removed: z.string(), bot: botStatusSchema }),
    handler: ({ user, params }) => knowledge.removeKnowledgeEntry(ctx, user, params.id),
  });
}
