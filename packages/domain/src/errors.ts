import type { ErrorCode } from '@tandem/protocol';

/** A failure the caller can act on. Carries a stable code; edges map it to HTTP statuses or socket acks. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: 'conversation' | 'workspace' | 'team' | 'user', id: string) =>
  new DomainError(
    what === 'conversation'
      ? 'conversation_not_found'
      : what === 'workspace'
        ? 'workspace_not_found'
        : 'not_found',
    `${what} ${id} not found`,
  );

export const forbidden = (message: string) => new DomainError('forbidden', message);
