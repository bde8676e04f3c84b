import { widgetSessionBodySchema, widgetSessionSchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { hashToken } from '../services/tokens.ts';
import { startWidgetSession } from '../services/widgetSession.ts';

/** Session starts per minute of one returning visitor (its token). */
const SESSIONS_PER_VISITOR_PER_MINUTE = 60;

export function widgetRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/widget/session',
    summary: 'Start or resume a customer session (returns the visitor token, conversation and history)',
    tag: 'widget',
    staff: false,
    body: widgetSessionBodySchema,
    response: widgetSessionSchema,
    // returning visitors are counted by their token, so many customers behind one NAT are not throttled together;
    // new visitors by IP, with a budget a deployment sets (RATE_LIMIT_SESSIONS_PER_MINUTE)
    rateLimit: {
      max: (_request, key) =>
        key.startsWith('ip:') ? ctx.config.rateLimitSessionsPerMinute : SESSIONS_PER_VISITOR_PER_MINUTE,
      timeWindow: '1 minute',
      hook: 'preHandler',
      keyGenerator: (request) => {
        const token = (request.body as { visitorToken?: unknown } | undefined)?.visitorToken;
        return typeof token === 'string' && token.length <= 200
          ? `visitor:${hashToken(token)}`
          : `ip:${request.ip}`;
      },
    },
    handler: ({ body }) => startWidgetSession(ctx, body),
  });
}
