import { supervisorWallSchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { supervisorWall } from '../services/supervisor.ts';

/** The supervisor wall: queues, people, SLA alerts, today's ratings and waiting customers (supervisors, admins). */
export function supervisorRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/supervisor/wall',
    summary:
      "The workspace's live picture: teams' queues and people, SLA alerts, today's CSAT, the queue (supervisors and admins)",
    tag: 'supervisor',
    staff: true,
    response: supervisorWallSchema,
    handler: ({ user }) => supervisorWall(ctx, user),
  });
}
