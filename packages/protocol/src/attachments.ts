import { z } from 'zod';
import { idSchema, MAX_MESSAGE_LENGTH, storableString } from './common.ts';

/** At most this many attachments go with one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;
/** Longest stored file name (characters, after sanitising). */
export const MAX_ATTACHMENT_NAME_LENGTH = 120;

/**
 * What may be attached: decided by the file's content (sniffed by the server), never by its name or the
 * client's content type. SVG, HTML and everything else are refused with `unsupported_media`.
 */
export const attachmentMimeTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const;
export const attachmentMimeSchema = z.enum(attachmentMimeTypes);
export type AttachmentMime = z.infer<typeof attachmentMimeSchema>;

/**
 * An attachment as clients see it, in message views and in the upload's response. `url` is a signed,
 * expiring path on the Tandem server (`/api/attachments/:id?exp=…&sig=…`): resolve it against the server's
 * origin (the console is served from it; the widget prefixes the origin it loads from). It works in
 * `<img src>` and links without any header or cookie, until it expires; a fresh view signs a fresh one.
 */
export const attachmentViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  mime: attachmentMimeSchema,
  /** bytes */
  size: z.number().int().nonnegative(),
  url: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;

/** The upload's response (staff: 201 from POST /api/conversations/:id/attachments; customers: POST /api/widget/attachments). */
export const attachmentUploadResponseSchema = z.object({ attachment: attachmentViewSchema });
export type AttachmentUploadResponse = z.infer<typeof attachmentUploadResponseSchema>;

/** Attachments to send with a message: ids from uploads by the same sender, not sent yet; no repeats. */
export const attachmentIdsSchema = z
  .array(idSchema)
  .max(MAX_ATTACHMENTS_PER_MESSAGE, `at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message`)
  .refine((ids) => new Set(ids).size === ids.length, 'the same attachment is listed twice');

/**
 * A message's text when it may carry attachments: trimmed, at most MAX_MESSAGE_LENGTH characters, and
 * allowed to be empty or left out (then the message must have attachments: see `requireTextOrAttachments`).
 */
export const messageTextWithAttachmentsSchema = storableString()
  .transform((text) => text.trim())
  .pipe(z.string().max(MAX_MESSAGE_LENGTH, `message text must be at most ${MAX_MESSAGE_LENGTH} characters`));

/** A message is text, attachments, or both: never neither. */
export function requireTextOrAttachments(
  value: { text?: string | undefined; attachmentIds?: string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.text || (value.attachmentIds?.length ?? 0) > 0) return;
  ctx.addIssue({
    code: 'custom',
    path: ['text'],
    message: 'message text must not be empty',
    input: value.text,
  });
}

/** The file name an uploader sends (header `X-File-Name`, percent-encoded UTF-8); the server sanitises it. */
export const ATTACHMENT_NAME_HEADER = 'x-file-name';
