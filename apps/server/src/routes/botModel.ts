import {
  intentExamplesBodySchema,
  intentListSchema,
  intentParamsSchema,
  intentSavedSchema,
  reportQuerySchema,
  reportStateSchema,
  vocabularySchema,
  vocabularyViewSchema,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { listIntents, saveIntentExamples } from '../services/botIntents.ts';
import { latestReport, reportRunner, startReport } from '../services/botReport.ts';
import { readVocabulary, saveVocabulary } from '../services/botVocabulary.ts';

/**
 * The bot's model for admins: the intents it learns and their examples, the vocabulary, and a
 * cross-validation report. Examples and vocabulary are saved through the knowledge and definition
 * commands, so every change is a version and retrains the bot like any other.
 */
export function botModelRoutes(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  app.addHook('onClose', async () => reportRunner(ctx).close());

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/bot/intents',
    summary: 'Every intent the bot learns (knowledge entries and flows) with its examples (admins)',
    tag: 'bot',
    staff: true,
    response: intentListSchema,
    handler: ({ user }) => listIntents(ctx, user),
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/bot/intents/:source/:key/examples',
    summary: "Replace an intent's examples: a new version of the knowledge entry or of the flow (admins)",
    tag: 'bot',
    staff: true,
    params: intentParamsSchema,
    body: intentExamplesBodySchema,
    response: intentSavedSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, params, body }) => saveIntentExamples(ctx, user, params.source, params.key, body),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/bot/vocabulary',
    summary: 'The user dictionary and synonym groups of the running settings (admins)',
    tag: 'bot',
    staff: true,
    response: vocabularyViewSchema,
    handler: ({ user }) => readVocabulary(ctx, user),
  });

  defineRoute(app, ctx, routes, {
    method: 'PUT',
    url: '/api/admin/bot/vocabulary',
    summary: 'Save the vocabulary as a new settings version, every other setting as it is (admins)',
    tag: 'bot',
    staff: true,
    body: vocabularySchema,
    response: vocabularyViewSchema,
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ user, body }) => saveVocabulary(ctx, user, body),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/bot/report',
    summary: 'Cross-validate the training data in the background; a run in progress is returned (admins)',
    tag: 'bot',
    staff: true,
    response: reportStateSchema,
    status: 202,
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: async ({ user }) => startReport(ctx, user),
  });

  defineRoute(app, ctx, routes, {
    method: 'GET',
    url: '/api/admin/bot/report',
    summary: 'The latest report job; `waitMs` waits for a running one to end (admins)',
    tag: 'bot',
    staff: true,
    query: reportQuerySchema,
    response: reportStateSchema,
    handler: ({ user, query }) => latestReport(ctx, user, query.waitMs),
  });
}
