import { Alert, Button, Space } from 'antd';
import { useI18n } from '../I18nProvider.tsx';

interface Props {
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}

/** An inline "are you sure?" for destructive actions: no browser dialog, focus on the safe choice. */
export function ConfirmAlert({ message, confirmLabel, onConfirm, onCancel, busy = false }: Props) {
  const { t } = useI18n();
  return (
    <Alert
      className="confirm-alert"
      type="warning"
      showIcon
      role="alertdialog"
      aria-label={message}
      title={message}
      action={
        <Space wrap size={8}>
          <Button danger type="primary" size="small" loading={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button size="small" autoFocus disabled={busy} onClick={onCancel}>
            {t('admin.cancel')}
          </Button>
        </Space>
      }
    />
  );
}
