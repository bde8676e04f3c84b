import { useEffect, useRef } from 'react';
import { useI18n } from '../I18nProvider.tsx';

interface Props {
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}

/** An inline "are you sure?" for destructive actions: no browser dialog, focus on the safe choice. */
export function ConfirmBar({ message, confirmLabel, onConfirm, onCancel, busy = false }: Props) {
  const { t } = useI18n();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm-bar" role="alertdialog" aria-label={message}>
      <p>{message}</p>
      <div className="confirm-actions">
        <button type="button" className="button button-danger button-sm" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button button-sm" ref={cancel} onClick={onCancel} disabled={busy}>
          {t('admin.cancel')}
        </button>
      </div>
    </div>
  );
}
