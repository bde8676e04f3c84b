import {
  llmCallListSchema,
  llmSettingsBodySchema,
  llmSettingsViewSchema,
  llmTestResultSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { readLlmSettings, recentLlmCalls, saveLlmSettings, testLlmSettings } from '../llm/settings.ts';

/** Admin API for the workspace's language-model provider (off by default; the key is never sent back). */
export function llmRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/llm',
    summary:
      "The workspace's language-model provider settings (admins only; whether a key is stored, not the key)",
    tag: 'llm',
    staff: true,
    response: llmSettingsViewSchema,
    handler: ({ user, reply }) => {
      reply.header('cache-control', 'no-store');
      return readLlmSettings(ctx, user);
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/llm',
    summary:
      'Save the provider settings (admins only); `apiKey` absent keeps the stored key, null removes it',
    tag: 'llm',
    staff: true,
    body: llmSettingsBodySchema,
    response: llmSettingsViewSchema,
    rateLimit: { max: 30, timeWindow: '1 minute' },
    handler: ({ user, body, reply }) => {
      reply.header('cache-control', 'no-store');
      return saveLlmSettings(ctx, user, body);
    },
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/llm/test',
    summary: 'Try the saved provider settings with one small call (admins only)',
    tag: 'llm',
    staff: true,
    response: llmTestResultSchema,
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: ({ user }) => testLlmSettings(ctx, user),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/llm/calls',
    summary:
      'The latest provider calls: purpose, model, latency, tokens, outcome — never the text (admins only)',
    tag: 'llm',
    staff: true,
    response: llmCallListSchema,
    handler: ({ user }) => recentLlmCalls(ctx, user),
  });
}
