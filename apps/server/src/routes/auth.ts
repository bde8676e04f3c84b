import { DomainError } from '@tandem/domain';
import { loginBodySchema, meResponseSchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../http/session.ts';
import { presentMe } from '../presenters/user.ts';
import { login, logout } from '../services/staffAuth.ts';

export function authRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in (sets the httpOnly session cookie)',
    tag: 'auth',
    staff: false,
    body: loginBodySchema,
    response: meResponseSchema,
    // per IP; per account, services/loginThrottle.ts refuses after 10 failures in 15 minutes
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: async ({ body, reply }) => {
      const session = await login(ctx, body.email, body.password);
      setSessionCookie(ctx, reply, session.token, session.expiresAt);
      return {
        me: { ...presentMe(session.user, session.workspace), mustChangePassword: session.mustChangePassword },
      };
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Sign out',
    tag: 'auth',
    staff: false,
    // a cross-site page must not sign staff out: writes on the cookie get the Origin check
    sessionCookie: true,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ request, reply }) => {
      await logout(ctx, request.cookies[SESSION_COOKIE]);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The signed-in staff member',
    tag: 'auth',
    staff: true,
    response: meResponseSchema,
    handler: async ({ user }) => {
      const workspace = await ctx.store.workspaces.findById(user.workspaceId);
      if (!workspace) throw new DomainError('unauthenticated', 'sign in to continue');
      const person = await ctx.store.people.findOne(user.workspaceId, user.id);
      return {
        me: { ...presentMe(user, workspace), mustChangePassword: person?.mustChangePassword ?? false },
      };
    },
  });
}
