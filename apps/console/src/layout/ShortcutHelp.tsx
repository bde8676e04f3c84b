import { Modal, Table } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

const rows: { keys: string; what: MessageKey }[] = [
  { keys: 'Alt + J / Alt + K', what: 'shortcuts.next' },
  { keys: 'Alt + 1…6', what: 'shortcuts.switch' },
  { keys: 'Alt + W', what: 'shortcuts.close' },
  { keys: 'Alt + A', what: 'shortcuts.accept' },
  { keys: 'Alt + R', what: 'shortcuts.resolve' },
  { keys: 'Alt + T', what: 'shortcuts.transfer' },
  { keys: 'Alt + N', what: 'shortcuts.note' },
  { keys: '/', what: 'shortcuts.canned' },
  { keys: 'Enter / Shift + Enter', what: 'shortcuts.send' },
  { keys: '?', what: 'shortcuts.help' },
];

/** The keyboard shortcuts, opened with `?`. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')}>
      <Table
        size="small"
        pagination={false}
        rowKey="keys"
        dataSource={rows}
        columns={[
          { title: t('shortcuts.keys'), dataIndex: 'keys', render: (keys: string) => <kbd>{keys}</kbd> },
          { title: t('shortcuts.action'), dataIndex: 'what', render: (what: MessageKey) => t(what) },
        ]}
      />
    </Modal>
  );
}
