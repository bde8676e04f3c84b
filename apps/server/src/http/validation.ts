import { DomainError } from '@tandem/domain';
import { MAX_MESSAGE_LENGTH } from '@tandem/protocol';
import type { z } from 'zod';

/** Bad input from outside, with the path of each problem. */
export class ValidationError extends DomainError {
  constructor(
    code: 'validation_failed' | 'message_too_long',
    message: string,
    readonly details: Array<{ path: string; message: string }>,
  ) {
    super(code, message);
  }
}

/** Validates input from outside (REST body/query/params, socket payloads) against a protocol schema. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || where,
    message: issue.message,
  }));
  const tooLong = result.error.issues.some(
    (issue) => issue.code === 'too_big' && issue.path.at(-1) === 'text',
  );
  if (tooLong) {
    return fail('message_too_long', `message text must be at most ${MAX_MESSAGE_LENGTH} characters`, details);
  }
  const first = details[0];
  return fail(
    'validation_failed',
    `invalid ${where}: ${first ? `${first.path}: ${first.message}` : 'malformed'}`,
    details,
  );
}

function fail(
  code: ValidationError['code'] & ('validation_failed' | 'message_too_long'),
  message: string,
  details: ValidationError['details'],
): never {
  throw new ValidationError(code, message, details);
}
