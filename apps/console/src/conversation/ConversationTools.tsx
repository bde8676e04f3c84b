import type { Teammate } from '@tandem/protocol';
import { Dropdown } from 'antd';
import { ConfirmBar } from '../admin/ConfirmBar.tsx';
import { useI18n } from '../I18nProvider.tsx';

export type HandOver = 'release' | 'handBack';

interface Props {
  /** experts who can be asked to consult (online first) */
  experts: Teammate[];
  onInvite: (expert: Teammate) => void;
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
export function ConversationTools(props: Props) {
  const { busy, confirming, onTransfer, onAsk, onConfirm, onCancel } = props;
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
      {props.experts.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: props.experts.map((expert) => ({
              key: expert.id,
              label: `${expert.name} · ${t(`presence.${expert.presence}`)}`,
              disabled: expert.presence !== 'online',
            })),
            onClick: ({ key }) => {
              const expert = props.experts.find((item) => item.id === key);
              if (expert) props.onInvite(expert);
            },
          }}
        >
          <button type="button" className="button button-ghost button-sm" disabled={busy !== null}>
            {t('conversation.inviteExpert')}
          </button>
        </Dropdown>
      )}
    </div>
  );
}
