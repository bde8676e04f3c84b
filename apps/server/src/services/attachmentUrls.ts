import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MessageAttachment } from '@tandem/domain';
import type { AttachmentView } from '@tandem/protocol';

/** How long a signed download link works: at least this long, rounded up to the next whole hour. */
const URL_TTL_SECONDS = 12 * 3600;
const URL_BUCKET_SECONDS = 3600;
/** The name of the key download links are signed with (`server_secrets`, shared by every process). */
export const ATTACHMENT_URL_SECRET = 'attachment_urls';

/** Signs and checks download links; made once at start with the database's key. */
export interface AttachmentUrls {
  /** `/api/attachments/:id?exp=…&sig=…`, valid for at least 12 hours (the same link for an hour, so it caches) */
  url(id: string, now?: number): string;
  /** whether `sig` is the link's signature and `exp` (seconds since 1970) has not passed */
  verify(id: string, exp: number, sig: string, now?: number): boolean;
  /** the view of an attachment, with a freshly signed link */
  view(attachment: MessageAttachment): AttachmentView;
}

export function createAttachmentUrls(secret: string): AttachmentUrls {
  const key = Buffer.from(secret, 'base64url');
  const sign = (id: string, exp: number) =>
    createHmac('sha256', key).update(`attachment:${id}:${exp}`).digest('base64url');
  const url = (id: string, now = Date.now()) => {
    const exp =
      Math.ceil((Math.floor(now / 1000) + URL_TTL_SECONDS) / URL_BUCKET_SECONDS) * URL_BUCKET_SECONDS;
    return `/api/attachments/${id}?exp=${exp}&sig=${sign(id, exp)}`;
  };
  return {
    url,
    verify(id, exp, sig, now = Date.now()) {
      if (!Number.isSafeInteger(exp) || exp * 1000 < now) return false;
      const expected = Buffer.from(sign(id, exp));
      const actual = Buffer.from(sig);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    view: (attachment) => ({
      id: attachment.id,
      name: attachment.name,
      mime: attachment.mime,
      size: attachment.size,
      url: url(attachment.id),
    }),
  };
}
