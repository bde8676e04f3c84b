import type { Readable } from 'node:stream';
import { analyticsExportQuerySchema, conversationExportQuerySchema } from '@tandem/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { exportConversations, exportTable } from '../analytics/exports.ts';
import { CONTENT_TYPES } from '../analytics/sheet.ts';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';

const fileHeaders = (reply: FastifyReply, format: 'csv' | 'xlsx', name: string) => {
  const file = `${name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${file}`)
    .header('cache-control', 'no-store');
};

/** Exports (supervisors and admins): any dashboard table, and conversations with transcripts, streamed. */
export function exportRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  const db = ctx.store.db;
  const onError = (error: unknown) => ctx.log.error({ err: safeError(error) }, 'analytics export failed');
  const stream = z.custom<Readable>(() => true);
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/analytics/export',
    summary: 'A dashboard table (series, intents, reasons, emotions, agents, teams, heatmap) as CSV or XLSX',
    tag: 'analytics',
    staff: true,
    query: analyticsExportQuerySchema,
    response: stream,
    produces: 'text/csv',
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: async ({ user, query, reply }) => {
      const body = await exportTable(db, user, query, onError);
      fileHeaders(reply, query.format, `analytics-${query.table}`);
      return body;
    },
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/analytics/conversations/export',
    summary:
      'Conversations of a range with their figures and transcripts (personal numbers and e-mails masked), streamed as CSV or XLSX',
    tag: 'analytics',
    staff: true,
    query: conversationExportQuerySchema,
    response: stream,
    produces: 'text/csv',
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: async ({ user, query, reply }) => {
      const body = exportConversations(db, user, query, onError);
      fileHeaders(reply, query.format, 'conversations');
      return body;
    },
  });
}
