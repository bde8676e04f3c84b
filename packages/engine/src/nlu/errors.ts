export type NluErrorId =
  | 'empty_training_set'
  | 'training_set_too_large'
  | 'invalid_example'
  | 'no_in_scope_intent'
  | 'invalid_model'
  | 'no_model'
  | 'training_failed';

/** A domain error with a stable id the edges (CLI, API) map to a message or status. */
export class NluError extends Error {
  constructor(
    readonly id: NluErrorId,
    message: string,
  ) {
    super(message);
    this.name = 'NluError';
  }
}
