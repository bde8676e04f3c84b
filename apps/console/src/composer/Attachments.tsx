import { FileOutlined, LoadingOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { type Dispatch, type SetStateAction, useRef } from 'react';
import { errorCodeOf } from '../api.ts';
import { uploadAttachment } from '../apiAttachments.ts';
import { useI18n } from '../I18nProvider.tsx';

/** A file chosen for the next message: uploading, uploaded (its id goes with the message), or refused. */
export type PendingAttachment =
  | { key: string; name: string; state: 'uploading' }
  | { key: string; name: string; state: 'ready'; id: string }
  | { key: string; name: string; state: 'failed'; code: string };

/** What the server accepts (it sniffs the bytes; this only narrows the file picker). */
const accept = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';
const maxFiles = 5;

let counter = 0;

interface AttachProps {
  conversationId: string;
  /** files of an internal note stay between staff */
  internal: boolean;
  onChange: Dispatch<SetStateAction<PendingAttachment[]>>;
}

/** The paperclip: picks images or PDFs and uploads each at once, so sending only links them. */
export function AttachButton({ conversationId, internal, onChange }: AttachProps) {
  const { t } = useI18n();
  const picker = useRef<HTMLInputElement>(null);
  const add = (list: FileList | null) => {
    for (const file of Array.from(list ?? []).slice(0, maxFiles)) {
      counter += 1;
      const key = `file-${counter}`;
      onChange((files) => [...files, { key, name: file.name, state: 'uploading' as const }].slice(-maxFiles));
      uploadAttachment(conversationId, file, internal).then(
        (attachment) =>
          onChange((files) =>
            files.map((item) =>
              item.key === key ? { key, name: item.name, state: 'ready', id: attachment.id } : item,
            ),
          ),
        (error: unknown) =>
          onChange((files) =>
            files.map((item) =>
              item.key === key ? { key, name: item.name, state: 'failed', code: errorCodeOf(error) } : item,
            ),
          ),
      );
    }
    if (picker.current) picker.current.value = '';
  };
  return (
    <>
      <input
        ref={picker}
        type="file"
        accept={accept}
        multiple
        hidden
        aria-hidden="true"
        tabIndex={-1}
        data-testid="composer-file"
        onChange={(event) => add(event.target.files)}
      />
      <Button
        type="text"
        size="small"
        icon={<PaperClipOutlined />}
        aria-label={t('composer.attach')}
        onClick={() => picker.current?.click()}
      />
    </>
  );
}

/** The files going with the next message; a refused one says why and can be removed. */
export function AttachmentChips({
  files,
  onRemove,
}: {
  files: PendingAttachment[];
  onRemove: (key: string) => void;
}) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label={t('composer.attachments')}>
      {files.map((file) => (
        <li key={file.key}>
          <Tag
            color={file.state === 'failed' ? 'error' : undefined}
            icon={file.state === 'uploading' ? <LoadingOutlined /> : <FileOutlined />}
          >
            <span className="attachment-chip-name">{file.name}</span>
            {file.state === 'uploading' && <span className="sr-only">{t('composer.uploading')}</span>}
            {file.state === 'failed' && (
              <span role="alert">
                {' '}
                ·{' '}
                {t(
                  `attachment.error.${file.code === 'unsupported_media' || file.code === 'payload_too_large' ? file.code : 'other'}`,
                )}
              </span>
            )}
            <Button
              type="text"
              size="small"
              className="attachment-chip-remove"
              aria-label={t('composer.removeFile', { name: file.name })}
              onClick={() => onRemove(file.key)}
            >
              ×
            </Button>
          </Tag>
        </li>
      ))}
    </ul>
  );
}
