import { FilePdfOutlined } from '@ant-design/icons';
import type { AttachmentView as Attachment } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';

/** A file's size for people: 820 B, 56 KB, 2.4 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  return bytes < 1_000_000 ? `${Math.ceil(bytes / 1000)} KB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * An attachment of a message: an image inline (lazy, at most 240 px wide; a click opens it full size in a
 * new tab), a PDF as a card (icon, name, size, download link). `attachment.url` is the signed, expiring link
 * of the message view (a path on this server: it works in `src` and `href` without any header; a fresh view
 * of the conversation signs fresh ones). Names are text, never markup. Class names for styling:
 * `attachment`, `attachment-image`, `attachment-file`, `attachment-icon`, `attachment-name`,
 * `attachment-size`, `attachment-download`.
 */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { t } = useI18n();
  if (attachment.mime.startsWith('image/')) {
    return (
      <a className="attachment attachment-image" href={attachment.url} target="_blank" rel="noreferrer">
        <img
          src={attachment.url}
          alt={attachment.name}
          loading="lazy"
          decoding="async"
          style={{ maxWidth: 240, height: 'auto' }}
        />
      </a>
    );
  }
  return (
    <div className="attachment attachment-file">
      <FilePdfOutlined className="attachment-icon" aria-hidden />
      <span className="attachment-name">{attachment.name}</span>
      <span className="attachment-size">{formatFileSize(attachment.size)}</span>
      <a
        className="attachment-download"
        href={attachment.url}
        download={attachment.name}
        rel="noreferrer"
        aria-label={`${t('transcript.download')} ${attachment.name}`}
      >
        {t('transcript.download')}
      </a>
    </div>
  );
}
