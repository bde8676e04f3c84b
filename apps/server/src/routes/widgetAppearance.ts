import {
  widgetAppearanceQuerySchema,
  widgetAppearanceResponseSchema,
  widgetAppearanceSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import {
  readWidgetAppearance,
  saveWidgetAppearance,
  widgetAppearanceBySlug,
} from '../services/widgetAppearance.ts';

/** The customer widget's look: staff read it, admins and supervisors change it, the widget fetches it. */
export function widgetAppearanceRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  routes: RegisteredRoute[],
): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/widget',
    summary: "The customer widget's appearance (colour, position, greeting, languages, elder mode)",
    tag: 'widget-appearance',
    staff: true,
    response: widgetAppearanceResponseSchema,
    handler: async ({ user }) => ({ appearance: await readWidgetAppearance(ctx, user.workspaceId) }),
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/widget',
    summary: "Change the customer widget's appearance (admins and supervisors); live from the next page view",
    tag: 'widget-appearance',
    staff: true,
    body: widgetAppearanceSchema,
    response: widgetAppearanceResponseSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: async ({ user, body }) => ({ appearance: await saveWidgetAppearance(ctx, user, body) }),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/widget/appearance',
    summary: "The widget's appearance, read by the widget on every page view before any session",
    tag: 'widget',
    staff: false,
    query: widgetAppearanceQuerySchema,
    response: widgetAppearanceResponseSchema,
    // every page view asks once: a budget of its own, as large as new sessions' or general requests'
    rateLimit: {
      max: Math.max(ctx.config.rateLimitPerMinute, ctx.config.rateLimitSessionsPerMinute),
      timeWindow: '1 minute',
    },
    handler: async ({ query, reply }) => {
      // a saved change shows on the next page view: browsers ask again each time
      reply.header('cache-control', 'no-cache');
      return { appearance: await widgetAppearanceBySlug(ctx, query.workspace) };
    },
  });
}
