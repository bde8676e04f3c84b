import { DomainError } from '@tandem/domain';
import type { ErrorBody, ErrorCode } from '@tandem/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { safeError } from './logging.ts';
import { ValidationError } from './validation.ts';

export const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  message_too_long: 400,
  protocol_mismatch: 400,
  identity_invalid: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_assignee: 403,
  not_found: 404,
  workspace_not_found: 404,
  conversation_not_found: 404,
  invalid_transition: 409,
  already_assigned: 409,
  target_unavailable: 409,
  no_offer: 409,
  already_rated: 409,
  conflict: 409,
  rate_limited: 429,
  busy: 503,
  email_taken: 409,
  account_disabled: 403,
  last_admin: 409,
  cannot_change_self: 403,
  unsupported_media: 415,
  payload_too_large: 413,
  file_unreadable: 400,
  at_capacity: 409,
  conversation_superseded: 409,
  llm_unavailable: 503,
  api_key_required: 400,
  internal: 500,
};

/** Turns any thrown error into the public error body; unknown errors never leak their message. */
export function toErrorBody(error: unknown): ErrorBody['error'] {
  if (error instanceof ValidationError)
    return { code: error.code, message: error.message, details: error.details };
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'something went wrong on our side; please try again' };
}

/** Maps errors to HTTP responses with stable codes. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof DomainError) {
      const body = toErrorBody(error);
      return reply.status(statusOf[body.code]).send({ error: body });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: 'too many requests; slow down and retry' } });
    }
    if (status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : 'bad_request';
      return reply.status(status).send({ error: { code, message: error.message } });
    }
    // never the error object itself: database errors carry the statement's parameters (see logging.ts)
    request.log.error({ err: safeError(error) }, 'unhandled error');
    return reply.status(500).send({ error: toErrorBody(error) });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
