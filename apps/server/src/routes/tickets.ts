import {
  ticketListQuerySchema,
  ticketReplyBodySchema,
  ticketStatusBodySchema,
  ticketViewSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import * as tickets from '../services/tickets.ts';

const idParams = z.object({ id: z.uuid() });
const one = z.object({ ticket: ticketViewSchema });

/** Messages customers left when nobody could take them: staff read and answer them (widget + e-mail). */
export function ticketRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/tickets',
    summary: 'Tickets of my workspace, newest first (optionally of one status)',
    tag: 'tickets',
    staff: true,
    query: ticketListQuerySchema,
    response: z.object({ tickets: z.array(ticketViewSchema) }),
    handler: async ({ user, query }) => ({
      tickets: await tickets.listTickets(ctx, user, query.status, query.limit),
    }),
  });
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/tickets/:id',
    summary: 'A ticket with its replies',
    tag: 'tickets',
    staff: true,
    params: idParams,
    response: one,
    handler: async ({ user, params }) => ({ ticket: await tickets.getTicket(ctx, user, params.id) }),
  });
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/tickets/:id/replies',
    summary: "Answer a ticket: shown in the customer's widget, and e-mailed when they left an address",
    tag: 'tickets',
    staff: true,
    params: idParams,
    body: ticketReplyBodySchema,
    response: one,
    status: 201,
    handler: async ({ user, params, body }) => ({
      ticket: await tickets.answerTicket(ctx, user, params.id, body),
    }),
  });
  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/tickets/:id',
    summary: 'Set a ticket open, pending or solved',
    tag: 'tickets',
    staff: true,
    params: idParams,
    body: ticketStatusBodySchema,
    response: one,
    handler: async ({ user, params, body }) => ({
      ticket: await tickets.changeTicketStatus(ctx, user, params.id, body.status),
    }),
  });
}
