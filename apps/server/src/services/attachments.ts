import { createHash } from 'node:crypto';
import {
  type Actor,
  addAttachment,
  type Contact,
  DomainError,
  UNSENT_ATTACHMENT_TTL_MS,
} from '@tandem/domain';
import {
  type AttachmentMime,
  type AttachmentView,
  attachmentMimeTypes,
  MAX_ATTACHMENT_NAME_LENGTH,
} from '@tandem/protocol';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../context.ts';

export { ATTACHMENT_URL_SECRET, type AttachmentUrls, createAttachmentUrls } from './attachmentUrls.ts';

/** Abandoned uploads (never sent) are swept at most this often per process. */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/** File name extensions that go with each type; a name without one of them gets the type's own. */
const extensions: Record<AttachmentMime, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/**
 * What the bytes are, by their content alone (the name and the client's content type are not believed), or
 * null when they are not an allowed type: SVG, HTML, scripts, executables renamed .png and anything else.
 */
export async function sniffMime(data: Uint8Array): Promise<AttachmentMime | null> {
  const type = await fileTypeFromBuffer(data);
  // an animated PNG is a PNG
  const mime = type?.mime === 'image/apng' ? 'image/png' : type?.mime;
  return (attachmentMimeTypes as readonly string[]).includes(mime ?? '') ? (mime as AttachmentMime) : null;
}

/**
 * A file name safe to store, show and put in a header: from the `X-File-Name` header (percent-encoded UTF-8;
 * raw UTF-8 bytes are read too), without any folder, control or invisible characters (bidirectional
 * overrides could disguise an extension), characters Windows forbids, or leading and trailing dots; with
 * the extension of its real type; at most 120 characters.
 */
export function sanitizeFileName(raw: string | undefined, mime: AttachmentMime): string {
  let name = raw ?? '';
  if (/[^\x20-\x7e]/.test(name)) name = Buffer.from(name, 'latin1').toString('utf8');
  // percent-encoded UTF-8, run by run: a broken or cut-off sequence becomes U+FFFD (then dropped below)
  const utf8 = new TextDecoder();
  name = name.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) =>
    utf8.decode(Buffer.from(run.replace(/%/g, ''), 'hex')),
  );
  name = (name.split(/[\\/]/).pop() ?? '')
    // lone surrogates (half an emoji) cannot be stored
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .normalize('NFC')
    // control and format characters (bidirectional overrides, zero-width), line separators, specials
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u180e\ufff0-\uffff]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const allowed = extensions[mime];
  const own = allowed[0] as string;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  let base = allowed.includes(ext) ? name.slice(0, dot) : name;
  const suffix = allowed.includes(ext) ? name.slice(dot + 1) : own;
  // whole characters (an emoji is two code units), leaving room for the extension
  const room = MAX_ATTACHMENT_NAME_LENGTH - suffix.length - 1;
  base = [...base].reduce((kept, char) => (kept.length + char.length <= room ? kept + char : kept), '');
  base = base.replace(/[\s.]+$/g, '');
  return `${base || 'attachment'}.${suffix}`;
}

/** Content-Disposition with a name every browser reads (RFC 6266 / RFC 5987): an ASCII fallback and UTF-8. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

let lastSweep = 0;

/**
 * An upload: the bytes' type is sniffed (not an allowed one: `unsupported_media`), the name sanitised, then
 * stored by the domain command (which checks who may). Now and then abandoned uploads are swept away.
 */
export async function upload(
  ctx: AppContext,
  input: {
    by:
      | { kind: 'customer'; contact: Contact }
      | {
          kind: 'staff';
          workspaceId: string;
          agent: Extract<Actor, { kind: 'agent' }>;
          conversationId: string;
          internal?: boolean;
        };
    body: unknown;
    fileName: string | undefined;
  },
): Promise<AttachmentView> {
  if (!Buffer.isBuffer(input.body)) {
    throw new DomainError(
      'bad_request',
      'send the file itself as the body, with Content-Type application/octet-stream',
    );
  }
  const data = input.body;
  if (data.byteLength === 0) throw new DomainError('bad_request', 'the file is empty');
  if (data.byteLength > ctx.config.attachmentMaxBytes) {
    throw new DomainError(
      'payload_too_large',
      `attachments are at most ${ctx.config.attachmentMaxBytes} bytes`,
    );
  }
  const mime = await sniffMime(data);
  if (!mime) {
    throw new DomainError(
      'unsupported_media',
      'only PNG, JPEG, GIF and WebP images and PDF documents may be attached',
    );
  }
  const stored = await addAttachment(ctx.deps, {
    by: input.by,
    name: sanitizeFileName(input.fileName, mime),
    mime,
    sha256: createHash('sha256').update(data).digest('hex'),
    data,
  });
  sweepAbandoned(ctx);
  return ctx.attachments.view(stored);
}

function sweepAbandoned(ctx: AppContext): void {
  const now = Date.now();
  if (now - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now;
  void ctx.store.attachments
    .deleteUnsentBefore(new Date(now - UNSENT_ATTACHMENT_TTL_MS))
    .catch((error: unknown) => ctx.log.warn({ err: error }, 'could not delete abandoned attachments'));
}
