import {
  analyticsOptionsSchema,
  analyticsOverviewSchema,
  analyticsPeopleSchema,
  analyticsQuerySchema,
  dataRetentionBodySchema,
  dataRetentionSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { analyticsOptions, analyticsOverview, analyticsPeople } from '../analytics/dashboard.ts';
import { readRetention, saveRetention } from '../analytics/dataRetention.ts';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';

/** Dashboards (supervisors and admins of the workspace) and data retention (admins change it). */
export function analyticsRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  const db = ctx.store.db;
  const rateLimit = { max: 120, timeWindow: '1 minute' };
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/analytics/overview',
    summary:
      'Conversations, bot resolution, hand-overs and reasons, response times, CSAT, SLA, intents, emotions, out-of-scope and busiest hours for a range and filters',
    tag: 'analytics',
    staff: true,
    query: analyticsQuerySchema,
    response: analyticsOverviewSchema,
    rateLimit,
    handler: ({ user, query }) => analyticsOverview(db, user, query),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/analytics/people',
    summary: 'Load and outcomes per person and per team for a range and filters',
    tag: 'analytics',
    staff: true,
    query: analyticsQuerySchema,
    response: analyticsPeopleSchema,
    rateLimit,
    handler: ({ user, query }) => analyticsPeople(db, user, query),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/analytics/options',
    summary: "The filters' choices: teams, intents seen, channels",
    tag: 'analytics',
    staff: true,
    response: analyticsOptionsSchema,
    rateLimit,
    handler: ({ user }) => analyticsOptions(db, user),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/analytics/retention',
    summary: "The workspace's data retention period and its last purge",
    tag: 'analytics',
    staff: true,
    response: dataRetentionSchema,
    handler: ({ user }) => readRetention(db, user),
  });
  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/analytics/retention',
    summary: 'Set the data retention period in days (null: keep everything); admins only',
    tag: 'analytics',
    staff: true,
    body: dataRetentionBodySchema,
    response: dataRetentionSchema,
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: ({ user, body }) => saveRetention(db, user, body.retentionDays),
  });
}
