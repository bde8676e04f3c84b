import { answerQualityListSchema, answerQualityQuerySchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { answerQuality } from '../demand/service.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';

/** The quality loop (docs/mining.md): answers that do not work, worst first. */
export function qualityRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/quality/answers',
    summary:
      'Per FAQ entry, flow and intent: answers given, and how often followed by a hand-over, the same question again or a negative emotion; worst first',
    tag: 'demand',
    staff: true,
    query: answerQualityQuerySchema,
    response: answerQualityListSchema,
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: ({ user, query }) => answerQuality(ctx, user, query),
  });
}
