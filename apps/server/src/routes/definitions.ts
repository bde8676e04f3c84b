import {
  activateBodySchema,
  definitionBodySchema,
  definitionKindSchema,
  definitionListSchema,
  definitionParamsSchema,
  definitionSavedSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import * as definitions from '../services/definitions.ts';

/** Admin API for the bot's flows, rules and settings: versioned, validated on save, live at once. */
export function definitionRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  const kindParams = z.object({ kind: definitionKindSchema });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/bot/:kind',
    summary: 'Flows, rules or settings of my workspace: the running version of each, then those switched off',
    tag: 'bot',
    staff: true,
    params: kindParams,
    response: definitionListSchema,
    handler: ({ user, params }) => definitions.listDefinitions(ctx, user, params.kind),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/bot/:kind',
    summary: 'Save a new version of a flow, the rules or the settings (validated; live for the next message)',
    tag: 'bot',
    staff: true,
    params: kindParams,
    body: definitionBodySchema,
    response: definitionSavedSchema,
    status: 201,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, params, body }) => definitions.saveDefinition(ctx, user, params.kind, body),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/bot/:kind/:key/versions',
    summary: 'Every version of a definition, newest first',
    tag: 'bot',
    staff: true,
    params: definitionParamsSchema,
    response: definitionListSchema,
    handler: ({ user, params }) => definitions.definitionHistory(ctx, user, params.kind, params.key),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/bot/:kind/:key/activate',
    summary: 'Roll back (or forward) to a version, or switch a definition off with version null',
    tag: 'bot',
    staff: true,
    params: definitionParamsSchema,
    body: activateBodySchema,
    response: definitionSavedSchema,
    handler: ({ user, params, body }) =>
      definitions.activateVersion(ctx, user, params.kind, params.key, body.version),
  });
}
