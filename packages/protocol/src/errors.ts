import { z } from 'zod';

/** Stable error codes: clients may branch on them; the message is for people. */
export const errorCodes = [
  'bad_request',
  'validation_failed',
  'message_too_long',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'workspace_not_found',
  'conversation_not_found',
  'invalid_transition',
  'already_assigned',
  'not_assignee',
  'rate_limited',
  'protocol_mismatch',
  'identity_invalid',
  /** a transfer's target cannot take it now (a person offline or at capacity, a team with nobody online) */
  'target_unavailable',
  /** no offer to you is pending for this conversation (it timed out or someone took it) */
  'no_offer',
  /** the conversation was already rated */
  'already_rated',
  /** a name already used in this workspace (teams), a canned reply's shortcut already used in its scope */
  'conflict',
  /** the bot's backlog is full: nothing was stored; send again after a moment (with the same clientId) */
  'busy',
  /** people administration: the e-mail address (the sign-in) is already used by another account */
  'email_taken',
  /** sign-in with the right password to an account an admin disabled */
  'account_disabled',
  /** the change would leave the workspace without an active admin */
  'last_admin',
  /** admins cannot disable or demote themselves (another admin must) */
  'cannot_change_self',
  /** an attachment whose content is not an allowed type (PNG, JPEG, GIF, WebP, PDF), whatever its name says */
  'unsupported_media',
  /** an upload over the size limit (ATTACHMENT_MAX_BYTES) */
  'payload_too_large',
  /** an imported file that cannot be read as the format it claims (CSV, XLSX, JSON): broken, wrong encoding,
   * missing required columns */
  'file_unreadable',
  /** a plain agent taking a conversation (reopening one) while already serving as many as their capacity */
  'at_capacity',
  /** reopening a conversation whose customer has started a newer one since (continue in that one) */
  'conversation_superseded',
  /** the workspace's language model is off, failing, slow or over budget: nothing was changed */
  'llm_unavailable',
  /** the language-model provider's address changed to another host: enter its API key again (the stored key
   * is never sent to a new host) */
  'api_key_required',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Socket acknowledgement: every client→server event with a callback gets exactly one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody['error'] };
