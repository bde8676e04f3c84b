import {
  demandDraftQuerySchema,
  demandDraftSchema,
  demandLinkBodySchema,
  demandLinkedSchema,
  demandOverviewSchema,
  demandRunBodySchema,
  demandRunStartedSchema,
  demandTopicParamsSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { demandDraft, demandOverview, linkDemandTopic, startDemandRun } from '../demand/service.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';

/** Demand mining (docs/mining.md): topics of unanswered questions, re-mining, and topic → FAQ entry. */
export function demandRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/demand',
    summary:
      'Topics of the questions the bot did not answer well (newest finished run) and the state of the newest run; results older than a day are refreshed in the background',
    tag: 'demand',
    staff: true,
    response: demandOverviewSchema,
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: ({ user }) => demandOverview(ctx, user),
  });
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/demand/runs',
    summary: 'Mine again now, in the background (one run at a time per workspace)',
    tag: 'demand',
    staff: true,
    body: demandRunBodySchema,
    response: demandRunStartedSchema,
    status: 202,
    rateLimit: { max: 3, timeWindow: '1 minute' },
    handler: ({ user, body }) => startDemandRun(ctx, user, body.windowDays),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/demand/topics/:id/draft',
    summary:
      "A knowledge entry drafted from a topic (or an existing entry with the topic's phrasings added), to review before saving",
    tag: 'demand',
    staff: true,
    params: demandTopicParamsSchema,
    query: demandDraftQuerySchema,
    response: demandDraftSchema,
    handler: ({ user, params, query }) => demandDraft(ctx, user, params.id, query.entry),
  });
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/demand/topics/:id/link',
    summary: 'Mark a topic covered by the knowledge entry saved from it (remembered by later runs)',
    tag: 'demand',
    staff: true,
    params: demandTopicParamsSchema,
    body: demandLinkBodySchema,
    response: demandLinkedSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, params, body }) => linkDemandTopic(ctx, user, params.id, body.entryId),
  });
}
