import type { AttachmentView as Attachment } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';

const sizeOf = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** An image inline (opens full size in a new tab) or a PDF as a card with its name, size and a download link. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { t } = useI18n();
  if (attachment.mime.startsWith('image/'))
    return (
      <a
        className="attachment attachment-image"
        href={attachment.url}
        target="_blank"
        rel="noopener noreferrer"
      >
        <img src={attachment.url} alt={attachment.name} loading="lazy" />
      </a>
    );
  return (
    <a
      className="attachment attachment-file"
      href={attachment.url}
      target="_blank"
      rel="noopener noreferrer"
      download={attachment.name}
    >
      <span className="attachment-icon" aria-hidden="true">
        PDF
      </span>
      <span className="attachment-name">{attachment.name}</span>
      <span className="attachment-size">{sizeOf(attachment.size)}</span>
      <span className="sr-only">{t('transcript.download')}</span>
    </a>
  );
}
