import { presenceBodySchema, teamResponseSchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { presentTeammate } from '../presenters/user.ts';
import { setPresence } from '../services/agentActions.ts';

export function teamRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/team',
    summary: 'Staff of my workspace with their presence',
    tag: 'team',
    staff: true,
    response: teamResponseSchema,
    handler: async ({ user }) => ({
      teammates: (await ctx.store.users.listByWorkspace(user.workspaceId)).map(presentTeammate),
    }),
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/presence',
    summary: 'Set my presence (online / away)',
    tag: 'team',
    staff: true,
    body: presenceBodySchema,
    response: z.object({ presence: presenceBodySchema.shape.presence }),
    handler: async ({ user, body }) => ({
      presence: (await setPresence(ctx, user, body.presence)) as 'online' | 'away',
    }),
  });
}
