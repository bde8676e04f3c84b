import type { EnginePorts } from '@tandem/engine';
import {
  flowTestBodySchema,
  flowTestResultSchema,
  flowValidateBodySchema,
  flowValidateResultSchema,
} from '@tandem/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { defineRoute, type RegisteredRoute } from '../http/route.ts';
import { SESSION_COOKIE } from '../http/session.ts';
import { testFlowDraft, validateFlowDraft } from '../services/flowTest.ts';
import { hashToken } from '../services/tokens.ts';

/** Per signed-in person (a shared office IP must not share one budget), else per IP. */
const perSession = (name: string) => (request: FastifyRequest) => {
  const session = request.cookies[SESSION_COOKIE];
  return session ? `${name}:${hashToken(session)}` : `${name}-ip:${request.ip}`;
};

/**
 * The structured flow editor's checks and test runs: a flow not saved yet is validated, or answers a test
 * conversation, with nothing stored. `ports` is the bot's own business-system port (its allow-list).
 */
export function flowTestRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  routes: RegisteredRoute[],
  ports: EnginePorts,
): void {
  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/bot/flow/validate',
    summary: 'Check a flow not saved yet as saving would: every error and warning at the path of its field',
    tag: 'bot',
    staff: true,
    body: flowValidateBodySchema,
    response: flowValidateResultSchema,
    rateLimit: { max: 240, timeWindow: '1 minute', keyGenerator: perSession('flow-validate') },
    handler: async ({ user, body }) => validateFlowDraft(user, body.draft),
  });

  defineRoute(app, ctx, routes, {
    method: 'POST',
    url: '/api/admin/bot/flow/test',
    summary: 'A test conversation with a flow not saved yet, turn by turn (nothing is stored)',
    tag: 'bot',
    staff: true,
    body: flowTestBodySchema,
    response: flowTestResultSchema,
    rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: perSession('flow-test') },
    handler: ({ user, body }) => testFlowDraft(ctx, ports, user, body),
  });
}
