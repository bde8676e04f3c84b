import {
  passwordChangeBodySchema,
  peopleListSchema,
  personInviteBodySchema,
  personInvitedSchema,
  personParamsSchema,
  personPasswordResetSchema,
  personResponseSchema,
  personUpdateBodySchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { SESSION_COOKIE } from '../http/session.ts';
import * as people from '../services/people.ts';

/** People and roles: admins invite, change, disable and reset staff; supervisors read the list. */
export function peopleRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/people',
    summary:
      'Staff of my workspace with role, teams, routing profile, presence and last sign-in (admins, supervisors)',
    tag: 'people',
    staff: true,
    response: peopleListSchema,
    handler: async ({ user }) => ({ people: await people.listPeople(ctx, user) }),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/people',
    summary: 'Invite a person (admins): returns a temporary password, shown once',
    tag: 'people',
    staff: true,
    body: personInviteBodySchema,
    response: personInvitedSchema,
    status: 201,
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: ({ user, body, reply }) => {
      reply.header('cache-control', 'no-store');
      return people.invitePerson(ctx, user, body);
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/people/:id',
    summary: 'Change a person (admins): name, role, disabled, teams, routing profile',
    tag: 'people',
    staff: true,
    params: personParamsSchema,
    body: personUpdateBodySchema,
    response: personResponseSchema,
    handler: async ({ user, params, body }) => ({
      person: await people.updatePerson(ctx, user, params.id, body),
    }),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/people/:id/reset-password',
    summary: 'Reset a password (admins): a new temporary password, shown once; all their sessions end',
    tag: 'people',
    staff: true,
    params: personParamsSchema,
    response: personPasswordResetSchema,
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: ({ user, params, reply }) => {
      reply.header('cache-control', 'no-store');
      return people.resetPassword(ctx, user, params.id);
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/auth/password',
    summary: 'Choose my own password (e.g. after a temporary one); my other sessions end',
    tag: 'auth',
    staff: true,
    body: passwordChangeBodySchema,
    response: z.object({ ok: z.literal(true) }),
    // it checks a password: as strict as signing in
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: async ({ user, body, request }) => {
      await people.changeOwnPassword(ctx, user, request.cookies[SESSION_COOKIE] as string, body);
      return { ok: true as const };
    },
  });
}
