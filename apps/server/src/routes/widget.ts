import { widgetSessionBodySchema, widgetSessionSchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { startWidgetSession } from '../services/widgetSession.ts';

export function widgetRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/widget/session',
    summary: 'Start or resume a customer session (returns the visitor token, conversation and history)',
    tag: 'widget',
    staff: false,
    body: widgetSessionBodySchema,
    response: widgetSessionSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ body }) => startWidgetSession(ctx, body),
  });
}
