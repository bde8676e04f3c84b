import {
  businessHoursSchema,
  routingProfileSchema,
  staffRoutingViewSchema,
  teamBodySchema,
  teamListSchema,
  teamViewSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import * as teams from '../services/teams.ts';

const idParams = z.object({ id: z.uuid() });

/** Teams (skill groups, the expert tier) and people's routing profiles: read by staff, changed by admins and supervisors. */
export function routingRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/teams',
    summary: 'Teams of my workspace with members, presence and queue size',
    tag: 'routing',
    staff: true,
    response: teamListSchema,
    handler: async ({ user }) => ({ teams: await teams.listTeams(ctx, user) }),
  });
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/teams',
    summary: 'Create a team (tier 2: the expert tier)',
    tag: 'routing',
    staff: true,
    body: teamBodySchema,
    response: z.object({ team: teamViewSchema }),
    status: 201,
    handler: async ({ user, body }) => ({ team: await teams.createTeam(ctx, user, body) }),
  });
  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/teams/:id',
    summary: 'Change a team: name, key, tier, strategy, timers, members',
    tag: 'routing',
    staff: true,
    params: idParams,
    body: teamBodySchema,
    response: z.object({ team: teamViewSchema }),
    handler: async ({ user, params, body }) => ({ team: await teams.updateTeam(ctx, user, params.id, body) }),
  });
  defineRoute(app, ctx, routes, {
    method: 'DELETE',
    url: '/api/admin/teams/:id',
    summary: 'Remove a team (its waiting conversations join the general queue)',
    tag: 'routing',
    staff: true,
    params: idParams,
    response: z.object({ removed: z.string() }),
    handler: ({ user, params }) => teams.deleteTeam(ctx, user, params.id),
  });
  const hoursResponse = z.object({ hours: businessHoursSchema.nullable(), open: z.boolean() });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/hours',
    summary: "The general queue's business hours (conversations in no team), and whether it is open now",
    tag: 'routing',
    staff: true,
    response: hoursResponse,
    handler: ({ user }) => teams.getWorkspaceHours(ctx, user),
  });
  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/hours',
    summary: "Set the general queue's business hours (null: always open)",
    tag: 'routing',
    staff: true,
    body: z.object({ hours: businessHoursSchema.nullable() }),
    response: hoursResponse,
    handler: ({ user, body }) => teams.setWorkspaceHours(ctx, user, body.hours),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/staff/routing',
    summary: "Staff's routing profiles with their current load",
    tag: 'routing',
    staff: true,
    response: z.object({ staff: z.array(staffRoutingViewSchema) }),
    handler: async ({ user }) => ({ staff: await teams.listStaffRouting(ctx, user) }),
  });
  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/staff/:id/routing',
    summary: "Set a person's concurrent conversations, skills and languages",
    tag: 'routing',
    staff: true,
    params: idParams,
    body: routingProfileSchema,
    response: z.object({ staff: staffRoutingViewSchema }),
    handler: async ({ user, params, body }) => ({
      staff: await teams.setStaffRouting(ctx, user, params.id, body),
    }),
  });
}
