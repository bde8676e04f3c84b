import { conversationParamsSchema, handoffPacketSchema, handoffQuerySchema } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { buildHandoffPacket } from '../handoff/packet.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';

export function handoffRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/conversations/:id/handoff',
    summary:
      'The hand-over packet: summary, emotion, reason, customer, earlier conversations and the whole transcript',
    tag: 'conversations',
    staff: true,
    params: conversationParamsSchema,
    query: handoffQuerySchema,
    response: handoffPacketSchema,
    handler: ({ user, params, query }) => buildHandoffPacket(ctx, user, params.id, query.lang ?? user.locale),
  });
}
