import { Modal } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

const rows: { keys: string; what: MessageKey }[] = [
  { keys: 'Alt + J / Alt + K', what: 'shortcuts.next' },
  { keys: 'Alt + 1…6', what: 'shortcuts.switch' },
  { keys: 'Alt + W', what: 'shortcuts.close' },
  { keys: 'Alt + A', what: 'shortcuts.accept' },
  { keys: 'Alt + R', what: 'shortcuts.resolve' },
  { keys: 'Alt + O', what: 'shortcuts.reopen' },
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
      {/* a plain table: the shortcuts are always loaded, the data table component is not */}
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.keys}>
              <td>
                <kbd>{row.keys}</kbd>
              </td>
              <td>{t(row.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
