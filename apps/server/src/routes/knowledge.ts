import {
  botStatusSchema,
  botTryBodySchema,
  botTryResultSchema,
  KNOWLEDGE_IMPORT_MAX_BYTES,
  knowledgeCategoryListSchema,
  knowledgeChangeResultSchema,
  knowledgeChangesQuerySchema,
  knowledgeChangesSchema,
  knowledgeDiffQuerySchema,
  knowledgeDiffSchema,
  knowledgeEnabledBodySchema,
  knowledgeEntrySchema,
  knowledgeExportQuerySchema,
  knowledgeImportCommitSchema,
  knowledgeImportPreviewSchema,
  knowledgeImportQuerySchema,
  knowledgeListSchema,
  knowledgeParamsSchema,
  knowledgeRemovedSchema,
  knowledgeRollbackBodySchema,
  knowledgeVersionListSchema,
  knowledgeVersionParamsSchema,
} from '@tandem/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute, type RouteSpec } from '../http/route.ts';
import * as knowledge from '../services/knowledge.ts';
import { exportKnowledgeFile } from '../services/knowledgeFile.ts';
import { commitImport, previewImport } from '../services/knowledgeImport.ts';
import { tryBot } from '../services/tryIt.ts';

/**
 * The FAQ knowledge base of my workspace: read by staff, changed by admins and supervisors, every change a
 * version, live in seconds; import and export as files; and trying the bot on a message.
 */
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
    summary:
      'Create or replace an FAQ entry (a new version; the bot is retrained in the background and swapped in)',
    tag: 'knowledge',
    staff: true,
    params: knowledgeParamsSchema,
    body: knowledgeEntrySchema,
    response: knowledgeChangeResultSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, params, body }) => knowledge.saveKnowledgeEntry(ctx, user, params.id, body),
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/knowledge/:id/enabled',
    summary: 'Switch an FAQ entry off (kept, not answered from) or on again',
    tag: 'knowledge',
    staff: true,
    params: knowledgeParamsSchema,
    body: knowledgeEnabledBodySchema,
    response: knowledgeChangeResultSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, params, body }) =>
      knowledge.setKnowledgeEntryEnabled(ctx, user, params.id, body.enabled),
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
    summary: 'Remove an FAQ entry (its history stays: a rollback restores it)',
    tag: 'knowledge',
    staff: true,
    params: knowledgeParamsSchema,
    response: knowledgeRemovedSchema,
    handler: ({ user, params }) => knowledge.removeKnowledgeEntry(ctx, user, params.id),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/knowledge/:id/versions',
    summary: 'Every version of an FAQ entry, newest first (also of a deleted one)',
    tag: 'knowledge',
    staff: true,
    params: knowledgeParamsSchema,
    response: knowledgeVersionListSchema,
    handler: ({ user, params }) => knowledge.knowledgeVersions(ctx, user, params.id),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/knowledge/:id/versions/:version/diff',
    summary: 'How a version differs from another (`against`: a version, `current`, default the one before)',
    tag: 'knowledge',
    staff: true,
    params: knowledgeVersionParamsSchema,
    query: knowledgeDiffQuerySchema,
    response: knowledgeDiffSchema,
    handler: ({ user, params, query }) =>
      knowledge.knowledgeDiff(ctx, user, params.id, params.version, query.against),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/knowledge/:id/rollback',
    summary:
      "Restore a version's entry as a new version (restores a deleted entry too); retrains like a save",
    tag: 'knowledge',
    staff: true,
    params: knowledgeParamsSchema,
    body: knowledgeRollbackBodySchema,
    response: knowledgeChangeResultSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, params, body }) => knowledge.rollbackKnowledgeEntry(ctx, user, params.id, body.version),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/knowledge/changes',
    summary: "My workspace's latest knowledge changes, newest first (an activity view)",
    tag: 'knowledge',
    staff: true,
    query: knowledgeChangesQuerySchema,
    response: knowledgeChangesSchema,
    handler: ({ user, query }) => knowledge.recentKnowledgeChanges(ctx, user, query.limit),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/knowledge/categories',
    summary: 'Categories: the built-in ones with names in both languages, then my workspace’s own',
    tag: 'knowledge',
    staff: true,
    response: knowledgeCategoryListSchema,
    handler: ({ user }) => knowledge.knowledgeCategories(ctx, user),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/knowledge/export',
    summary: 'The knowledge base as a file to download: CSV (UTF-8 with BOM), Excel (.xlsx) or JSON',
    tag: 'knowledge',
    staff: true,
    query: knowledgeExportQuerySchema,
    response: z.instanceof(Buffer),
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: async ({ user, query, reply }) => {
      const entries = await ctx.store.knowledge.list(user.workspaceId);
      const file = await exportKnowledgeFile(entries, query.format);
      const name = `knowledge-${new Date().toISOString().slice(0, 10)}.${query.format}`;
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`)
        .header('cache-control', 'no-store');
      return file.body;
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/bot/try',
    summary: 'What the bot would do with a message from a new customer, and why (nothing is stored)',
    tag: 'bot',
    staff: true,
    body: botTryBodySchema,
    response: botTryResultSchema,
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: ({ user, body }) => tryBot(ctx, user, body),
  });

  importRoutes(app, ctx, routes);
}

/**
 * Import routes take the file itself as the body (text/csv, the .xlsx type or application/json), up to 2 MiB:
 * in a scope of their own, so that only they read raw bodies that large. They are listed in the OpenAPI
 * registry now (the scope registers its routes when the server starts).
 */
function importRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  const mounts: Array<(scope: FastifyInstance) => void> = [];
  const scoped = <B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType>(
    spec: RouteSpec<B, Q, P, R, true>,
  ) => {
    routes.push({ ...spec, status: spec.status ?? 200 });
    mounts.push((scope) => defineRoute(scope, ctx, [], spec));
  };

  scoped({
    method: 'POST',
    url: '/api/admin/knowledge/import/preview',
    summary: 'What importing this file (the request body) would do, row by row; nothing is saved',
    tag: 'knowledge',
    staff: true,
    query: knowledgeImportQuerySchema,
    response: knowledgeImportPreviewSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, request }) => previewImport(ctx, user, request.body, request.headers['content-type']),
  });

  scoped({
    method: 'POST',
    url: '/api/admin/knowledge/import/commit',
    summary: 'Import this file (the request body) in one transaction; retrains the bot once',
    tag: 'knowledge',
    staff: true,
    query: knowledgeImportQuerySchema,
    response: knowledgeImportCommitSchema,
    rateLimit: { max: 20, timeWindow: '1 minute' },
    handler: ({ user, request, query }) =>
      commitImport(ctx, user, request.body, request.headers['content-type'], {
        skipInvalid: query.skipInvalid,
        planId: query.planId,
      }),
  });

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: KNOWLEDGE_IMPORT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.status(413).send({
          error: {
            code: 'payload_too_large',
            message: `the file is larger than ${KNOWLEDGE_IMPORT_MAX_BYTES / 1024 / 1024} MiB`,
          },
        });
      }
      throw error; // the server's error handler answers everything else
    });
    for (const mount of mounts) mount(scope);
  });
}
