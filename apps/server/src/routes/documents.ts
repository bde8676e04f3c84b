import {
  DOCUMENT_MAX_BYTES,
  documentChunksSchema,
  documentFetchBodySchema,
  documentListSchema,
  documentParamsSchema,
  documentRemovedSchema,
  documentResultSchema,
  documentSearchQuerySchema,
  documentSearchResultSchema,
  documentUploadQuerySchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import {
  addDocumentFromUrl,
  documentChunks,
  listDocuments,
  refreshDocument,
  removeDocument,
  searchDocuments,
  uploadDocument,
} from '../documents/service.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';

/**
 * Document knowledge of my workspace: read and searched by staff, added, re-indexed and deleted by admins and
 * supervisors. Parsing and fetching are costly: rate-limited.
 */
export function documentRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/documents',
    summary: 'The documents the bot answers from',
    tag: 'documents',
    staff: true,
    response: documentListSchema,
    handler: ({ user }) => listDocuments(ctx, user),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/documents/upload',
    summary:
      'Add a document (the body is the file: Markdown, HTML, plain text, PDF or .docx); `replace` re-indexes one',
    tag: 'documents',
    staff: true,
    query: documentUploadQuerySchema,
    response: documentResultSchema,
    status: 201,
    raw: { contentType: 'application/octet-stream', bodyLimit: DOCUMENT_MAX_BYTES },
    rateLimit: { max: 20, timeWindow: '1 minute' },
    handler: ({ user, query, request }) => uploadDocument(ctx, user, request.body, query),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/documents/fetch',
    summary:
      'Add a document fetched from a URL (public addresses only unless the server allows private ones)',
    tag: 'documents',
    staff: true,
    body: documentFetchBodySchema,
    response: documentResultSchema,
    status: 201,
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: ({ user, body }) => addDocumentFromUrl(ctx, user, body),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/documents/:id/refresh',
    summary: 'Fetch a URL document again and re-index it',
    tag: 'documents',
    staff: true,
    params: documentParamsSchema,
    response: documentResultSchema,
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: ({ user, params }) => refreshDocument(ctx, user, params.id),
  });

  defineRoute(app, ctx, routes, {
    method: 'DELETE',
    url: '/api/admin/documents/:id',
    summary: 'Delete a document and everything derived from it (chunks, embeddings, index entries)',
    tag: 'documents',
    staff: true,
    params: documentParamsSchema,
    response: documentRemovedSchema,
    handler: ({ user, params }) => removeDocument(ctx, user, params.id),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/documents/:id/chunks',
    summary: 'The chunks a document was cut into, with their headings',
    tag: 'documents',
    staff: true,
    params: documentParamsSchema,
    response: documentChunksSchema,
    handler: ({ user, params }) => documentChunks(ctx, user, params.id),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/documents/search',
    summary: 'The passages the bot would answer a question from (lexical, or hybrid with embeddings)',
    tag: 'documents',
    staff: true,
    query: documentSearchQuerySchema,
    response: documentSearchResultSchema,
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: ({ user, query }) => searchDocuments(ctx, user, query.q),
  });
}
