import { Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

/** Disposition tags offered when resolving (stored as these codes, shown translated); others can be typed. */
export const dispositionCodes = [
  'answered',
  'refund',
  'exchange',
  'order_status',
  'complaint',
  'billing',
  'technical',
  'follow_up',
  'spam',
] as const;

const known: ReadonlySet<string> = new Set(dispositionCodes);

/** A disposition as the reader says it: a known code translated, anything typed as typed. */
export function dispositionLabel(code: string, t: (key: MessageKey) => string): string {
  return known.has(code) ? t(`disposition.${code}` as MessageKey) : code;
}

interface Props {
  open: boolean;
  busy: boolean;
  onResolve: (disposition: string[]) => void;
  onCancel: () => void;
}

/** Resolve with how it ended (disposition tags, optional): they feed reports and search. */
export function ResolveDialog({ open, busy, onResolve, onCancel }: Props) {
  const { t } = useI18n();
  const [tags, setTags] = useState<string[]>([]);
  return (
    <Modal
      open={open}
      title={t('resolve.title')}
      okText={t('resolve.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() =>
        onResolve(
          tags
            .map((tag) => tag.trim())
            .filter(Boolean)
            .slice(0, 10),
        )
      }
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('resolve.body')}</Typography.Paragraph>
      <Select
        mode="tags"
        className="resolve-tags"
        style={{ width: '100%' }}
        aria-label={t('resolve.tags')}
        placeholder={t('resolve.placeholder')}
        value={tags}
        maxCount={10}
        onChange={setTags}
        options={dispositionCodes.map((code) => ({ value: code, label: dispositionLabel(code, t) }))}
      />
    </Modal>
  );
}
