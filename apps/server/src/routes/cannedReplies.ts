import {
  cannedReplyBodySchema,
  cannedReplyListQuerySchema,
  cannedReplyListResponseSchema,
  cannedReplyParamsSchema,
  cannedReplyRemovedSchema,
  cannedReplyResponseSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import * as canned from '../services/cannedReplies.ts';

/** Canned replies (快捷回复): personal ones by their owner, team and workspace ones by admins and supervisors. */
export function cannedReplyRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/canned-replies',
    summary: "Canned replies I may use (mine, my teams', the workspace's) or change; optionally searched",
    tag: 'canned replies',
    staff: true,
    query: cannedReplyListQuerySchema,
    response: cannedReplyListResponseSchema,
    handler: async ({ user, query }) => ({ replies: await canned.listCannedReplies(ctx, user, query) }),
  });
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/canned-replies',
    summary: 'Add a canned reply (team and workspace ones: admins and supervisors)',
    tag: 'canned replies',
    staff: true,
    body: cannedReplyBodySchema,
    response: cannedReplyResponseSchema,
    status: 201,
    handler: async ({ user, body }) => ({ reply: await canned.createCannedReply(ctx, user, body) }),
  });
  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/canned-replies/:id',
    summary: 'Replace a canned reply',
    tag: 'canned replies',
    staff: true,
    params: cannedReplyParamsSchema,
    body: cannedReplyBodySchema,
    response: cannedReplyResponseSchema,
    handler: async ({ user, params, body }) => ({
      reply: await canned.updateCannedReply(ctx, user, params.id, body),
    }),
  });
  defineRoute(app, ctx, routes, {
    method: 'DELETE',
    url: '/api/canned-replies/:id',
    summary: 'Delete a canned reply',
    tag: 'canned replies',
    staff: true,
    params: cannedReplyParamsSchema,
    response: cannedReplyRemovedSchema,
    handler: async ({ user, params }) => {
      await canned.deleteCannedReply(ctx, user, params.id);
      return { removed: true as const };
    },
  });
}
