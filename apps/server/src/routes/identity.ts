import { identitySecretSchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { readIdentitySecret, rotateIdentitySecret } from '../services/identity.ts';

/** Admin API for the identity-verification secret: the key a shop's backend signs customer ids with. */
export function identityRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/identity',
    summary: "The workspace's identity secret (admins only): sign customer ids with HMAC-SHA256 under it",
    tag: 'identity',
    staff: true,
    response: identitySecretSchema,
    handler: ({ user, reply }) => {
      reply.header('cache-control', 'no-store');
      return readIdentitySecret(ctx, user);
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/identity/rotate',
    summary:
      'Replace the identity secret (admins only): signatures made with the old one stop working at once',
    tag: 'identity',
    staff: true,
    response: identitySecretSchema,
    rateLimit: { max: 5, timeWindow: '1 minute' },
    handler: ({ user, reply }) => {
      reply.header('cache-control', 'no-store');
      return rotateIdentitySecret(ctx, user);
    },
  });
}
