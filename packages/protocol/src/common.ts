import { z } from 'zod';

export const MAX_MESSAGE_LENGTH = 4000;

export const idSchema = z.uuid();
export const langSchema = z.enum(['zh', 'en']);
export type Lang = z.infer<typeof langSchema>;

/** A client-supplied id that makes sending a message idempotent (retries never duplicate). */
export const clientIdSchema = z
  .string()
  .min(8, 'clientId must be 8-64 characters')
  .max(64, 'clientId must be 8-64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'clientId may contain only letters, digits, "_" and "-"');

export const messageTextSchema = z
  .string()
  .transform((text) => text.trim())
  .pipe(
    z
      .string()
      .min(1, 'message text must not be empty')
      .max(MAX_MESSAGE_LENGTH, `message text must be at most ${MAX_MESSAGE_LENGTH} characters`),
  );

export const workspaceSlugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'workspace must be lowercase letters, digits and "-"');
