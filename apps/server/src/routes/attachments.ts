import { type Contact, DomainError } from '@tandem/domain';
import {
  ATTACHMENT_NAME_HEADER,
  attachmentUploadResponseSchema,
  conversationParamsSchema,
  idSchema,
} from '@tandem/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { SESSION_COOKIE } from '../http/session.ts';
import { contentDisposition, upload } from '../services/attachments.ts';
import { staffActor } from '../services/staffAuth.ts';
import { hashToken } from '../services/tokens.ts';
import { contactForToken } from '../services/widgetSession.ts';

/** Uploads per minute of one sender (a visitor token or a staff session; an IP without either). */
const UPLOADS_PER_MINUTE = 30;

const OCTET_STREAM = 'application/octet-stream';

const fileName = (request: FastifyRequest) => {
  const value = request.headers[ATTACHMENT_NAME_HEADER];
  return typeof value === 'string' ? value.slice(0, 2000) : undefined;
};

/** The visitor token of a widget upload: `Authorization: Bearer <visitorToken>`. */
const bearer = (request: FastifyRequest) => {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
};

const uploadLimit = (key: (request: FastifyRequest) => string | null) => ({
  max: UPLOADS_PER_MINUTE,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) => {
    const k = key(request);
    return k ? `upload:${hashToken(k)}` : `upload-ip:${request.ip}`;
  },
});

/** Checked by the handler: a missing or malformed signature is refused like a wrong one (403). */
const downloadQuery = z.object({ exp: z.string().max(20).optional(), sig: z.string().max(100).optional() });

/**
 * Attachments: staff and customers upload images and PDFs (the raw bytes; the type is sniffed from them),
 * then send them with a message (`attachmentIds`); anyone holding a message view downloads them through its
 * signed, expiring link.
 */
export function attachmentRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  const bodyLimit = ctx.config.attachmentMaxBytes;

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/conversations/:id/attachments',
    summary:
      'Upload an image or PDF to send in this conversation (raw body, Content-Type application/octet-stream, ' +
      'file name in the X-File-Name header, percent-encoded; ?internal=true for an internal note); then send ' +
      'a message with its id in attachmentIds',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    query: z.object({ internal: z.enum(['true', 'false']).optional() }),
    response: attachmentUploadResponseSchema,
    status: 201,
    raw: { contentType: OCTET_STREAM, bodyLimit },
    rateLimit: uploadLimit((request) => request.cookies[SESSION_COOKIE] ?? null),
    handler: async ({ user, params, query, request }) => ({
      attachment: await upload(ctx, {
        by: {
          kind: 'staff',
          workspaceId: user.workspaceId,
          agent: staffActor(user),
          conversationId: params.id,
          internal: query.internal === 'true',
        },
        body: request.body,
        fileName: fileName(request),
      }),
    }),
  });

  // the contact of each widget upload, found before its body is read
  const uploaders = new WeakMap<FastifyRequest, Contact>();
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/widget/attachments',
    summary:
      'A customer uploads an image or PDF (raw body, Content-Type application/octet-stream, file name in the ' +
      'X-File-Name header, percent-encoded; Authorization: Bearer <visitorToken>); then sends it with ' +
      'message:send attachmentIds',
    tag: 'widget',
    staff: false,
    response: attachmentUploadResponseSchema,
    status: 201,
    raw: {
      contentType: OCTET_STREAM,
      bodyLimit,
      authenticate: async (request) => {
        const token = bearer(request);
        const contact = token ? await contactForToken(ctx, token) : null;
        if (!contact) throw new DomainError('unauthenticated', 'a valid visitor token is required');
        uploaders.set(request, contact);
      },
    },
    rateLimit: uploadLimit(bearer),
    handler: async ({ request }) => {
      const contact = uploaders.get(request);
      if (!contact) throw new DomainError('unauthenticated', 'a valid visitor token is required');
      return {
        attachment: await upload(ctx, {
          by: { kind: 'customer', contact },
          body: request.body,
          fileName: fileName(request),
        }),
      };
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/attachments/:id',
    summary:
      'Download an attachment through the signed, expiring link of a message view (no cookie or header needed)',
    tag: 'attachments',
    staff: false,
    params: z.object({ id: idSchema }),
    query: downloadQuery,
    response: z.custom<Buffer>((value) => Buffer.isBuffer(value) || value instanceof Uint8Array),
    produces: '*/*',
    handler: async ({ params, query, reply }) => {
      // the signature first: without a valid one nobody learns whether the attachment exists
      const exp = Number(query.exp);
      if (!query.sig || !ctx.attachments.verify(params.id, exp, query.sig)) {
        throw new DomainError('forbidden', 'this link is not valid or has expired; reopen the conversation');
      }
      const file = await ctx.store.attachments.findFile(params.id);
      if (!file) throw new DomainError('not_found', 'this attachment no longer exists');
      const image = file.mime.startsWith('image/');
      const maxAge = Math.max(0, exp - Math.floor(Date.now() / 1000));
      reply
        .type(file.mime)
        .header('content-disposition', contentDisposition(image ? 'inline' : 'attachment', file.name))
        // nothing in it may run, load or be framed, even if a browser were tricked into rendering it
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', `private, max-age=${maxAge}`)
        // the signed link is the capability: it is not passed on to other sites
        .header('referrer-policy', 'no-referrer');
      return Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    },
  });
}
