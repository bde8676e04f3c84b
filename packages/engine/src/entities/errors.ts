/** Bad workspace entity configuration (order pattern, list, timezone). `problems` says what and how to fix. */
export class EntityOptionsError extends Error {
  readonly code = 'invalid_entity_options';

  constructor(readonly problems: string[]) {
    super(`Invalid entity options: ${problems.join('; ')}`);
    this.name = 'EntityOptionsError';
  }
}
