import { DomainError, type User } from '@tandem/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { isConsoleRequest } from './origin.ts';
import { requireStaff, SESSION_COOKIE } from './session.ts';
import { parseInput } from './validation.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSpec<
  B extends z.ZodType,
  Q extends z.ZodType,
  P extends z.ZodType,
  R extends z.ZodType,
  A extends boolean,
> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  /** true: a staff session cookie is required */
  staff: A;
  /** true: the route acts on the staff cookie without requiring it (sign-out); writes get the Origin check */
  sessionCookie?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  status?: number;
  /**
   * A raw body (an upload) instead of JSON: the content type it is sent with and a body limit of its own.
   * The Origin check and authentication (`staff`, `authenticate`) then run before the body is read, so an
   * unauthenticated caller cannot make the server read a large body; the handler gets the bytes as
   * `request.body` (a Buffer) and validates them itself.
   */
  raw?: { contentType: string; bodyLimit: number; authenticate?: (request: FastifyRequest) => Promise<void> };
  /** the response's content type when it is not JSON (e.g. a file): for the OpenAPI description */
  produces?: string;
  rateLimit?: {
    /** a number, or per request and key (e.g. different budgets for different kinds of key) */
    max: number | ((request: FastifyRequest, key: string) => number);
    timeWindow: string;
    /** what the limit counts by (default: client IP) */
    keyGenerator?: (request: FastifyRequest) => string;
    /** preHandler when the key needs the parsed body */
    hook?: 'onRequest' | 'preHandler';
  };
  handler: (input: {
    body: z.output<B>;
    query: z.output<Q>;
    params: z.output<P>;
    user: A extends true ? User : null;
    request: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<z.input<R>>;
}

/** Registered routes, read by the OpenAPI generator. */
export interface RegisteredRoute {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  staff: boolean;
  status: number;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response: z.ZodType;
  /** a raw request body's content type (uploads) */
  rawBody?: string;
  produces?: string;
}

/**
 * Writes that the staff cookie authenticates must come from the console itself: a browser attaches the
 * cookie to a form another site posts at us (SameSite=Lax still sends it to same-site pages, and top-level
 * navigations), so the `Origin` decides. Requests without the cookie are not affected (they get 401).
 */
function assertConsoleWrite(ctx: AppContext, request: FastifyRequest): void {
  if (request.cookies[SESSION_COOKIE] === undefined) return;
  if (!isConsoleRequest(ctx.config, request.headers)) {
    throw new DomainError('forbidden', 'this request must come from the Tandem console');
  }
}

/**
 * A thin edge: rate limit → origin check of cookie-authenticated writes → auth → validate → handler
 * (one command) → response.
 * Every route goes through here, so every input is validated and documented.
 */
export function defineRoute<
  B extends z.ZodType,
  Q extends z.ZodType,
  P extends z.ZodType,
  R extends z.ZodType,
  A extends boolean,
>(app: FastifyInstance, ctx: AppContext, registry: RegisteredRoute[], spec: RouteSpec<B, Q, P, R, A>): void {
  registry.push({
    ...spec,
    status: spec.status ?? 200,
    ...(spec.raw ? { rawBody: spec.raw.contentType } : {}),
  });
  const authenticate = async (request: FastifyRequest) => {
    if (spec.method !== 'GET' && (spec.staff || spec.sessionCookie)) assertConsoleWrite(ctx, request);
    return spec.staff ? await requireStaff(ctx, request) : null;
  };
  // raw bodies: authenticated before the body is read (the user found then is kept for the handler)
  const early = new WeakMap<FastifyRequest, User | null>();
  const raw = spec.raw;
  if (raw && !app.hasContentTypeParser(raw.contentType)) {
    app.addContentTypeParser(raw.contentType, { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
  }
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.rateLimit ? { config: { rateLimit: spec.rateLimit } } : {}),
    ...(raw
      ? {
          bodyLimit: raw.bodyLimit,
          // after the rate limit (onRequest), before the body is read
          preParsing: async (request: FastifyRequest, _reply: FastifyReply, payload: RequestPayload) => {
            early.set(request, await authenticate(request));
            await raw.authenticate?.(request);
            return payload;
          },
        }
      : {}),
    handler: async (request, reply) => {
      const user = raw ? (early.get(request) ?? null) : await authenticate(request);
      const body = spec.body ? parseInput(spec.body, request.body ?? {}, 'body') : undefined;
      const query = spec.query ? parseInput(spec.query, request.query ?? {}, 'query') : undefined;
      const params = spec.params ? parseInput(spec.params, request.params ?? {}, 'path') : undefined;
      const result = await spec.handler({
        body: body as z.output<B>,
        query: query as z.output<Q>,
        params: params as z.output<P>,
        user: user as A extends true ? User : null,
        request,
        reply,
      });
      return reply.status(spec.status ?? 200).send(result);
    },
  });
}
