import { ConfirmBar } from '../admin/ConfirmBar.tsx';
import { useI18n } from '../I18nProvider.tsx';

export type HandOver = 'release' | 'handBack';

interface Props {
  /** the command under way, if any */
  busy: string | null;
  /** the hand-over waiting for "are you sure?" */
  confirming: HandOver | null;
  onTransfer: () => void;
  onAsk: (action: HandOver) => void;
  onConfirm: (action: HandOver) => void;
  onCancel: () => void;
}

/** Passing a served conversation on: to someone else, back to the queue, or back to the bot. */
export function ConversationTools({ busy, confirming, onTransfer, onAsk, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  if (confirming) {
    const working = busy === confirming;
    return (
      <div className="conversation-tools is-confirming">
        <ConfirmBar
          message={t(
            confirming === 'release' ? 'conversation.releaseConfirm' : 'conversation.handBackConfirm',
          )}
          confirmLabel={
            confirming === 'release'
              ? t(working ? 'conversation.releasing' : 'conversation.release')
              : t(working ? 'conversation.handingBack' : 'conversation.handBack')
          }
          busy={busy !== null}
          onConfirm={() => onConfirm(confirming)}
          onCancel={onCancel}
        />
      </div>
    );
  }
  return (
    <div className="conversation-tools" role="toolbar" aria-label={t('conversation.actions')}>
      <button type="button" className="button button-sm" disabled={busy !== null} onClick={onTransfer}>
        <span aria-hidden="true">⇄</span>
        {t('conversation.transfer')}
      </button>
      <button
        type="button"
        className="button button-ghost button-sm"
        disabled={busy !== null}
        onClick={() => onAsk('release')}
      >
        {t('conversation.release')}
      </button>
      <button
        type="button"
        className="button button-ghost button-sm"
        disabled={busy !== null}
        onClick={() => onAsk('handBack')}
      >
        {t('conversation.handBack')}
      </button>
    </div>
  );
}
