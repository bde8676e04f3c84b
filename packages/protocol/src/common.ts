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

/**
 * Why a string cannot be stored as text, or null when it can: PostgreSQL refuses NUL (U+0000) in `text` and
 * `jsonb`, and a lone UTF-16 surrogate (half of an emoji) is not valid Unicode (refused in `jsonb`, silently
 * replaced in `text`).
 */
export function storableTextProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = value.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a well-formed pair
      continue;
    }
    return 'must be valid Unicode (a lone surrogate code unit was found)';
  }
  return null;
}

/**
 * The one refinement for every string from outside that is stored or shown: no NUL, no lone surrogates.
 * `storableString()` is `z.string()` with it; chain `.trim().min().max()` as usual.
 */
export const storableString = () =>
  z.string().superRefine((value, ctx) => {
    const problem = storableTextProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

export const messageTextSchema = storableString()
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
