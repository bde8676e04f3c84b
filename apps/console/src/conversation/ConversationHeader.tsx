import type { AgentConversation, Role } from '@tandem/protocol';
import { Avatar, ReasonChip, StatusChip, TeamChip } from '../chips.tsx';
import { toneOf } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import { useShortcuts } from '../keyboard.ts';
import { mayReopen } from '../store/receipts.ts';
import { formatWait } from '../time.ts';

interface Props {
  conversation: AgentConversation;
  name: string;
  now: number;
  meId: string;
  /** my role: supervisors and admins may reopen anyone's resolved conversation */
  meRole?: Role;
  /** the command under way, if any */
  busy: string | null;
  detailsVisible: boolean;
  onAccept: () => void;
  onResolve: () => void;
  /** take the resolved conversation up again (shown when I may) */
  onReopen?: () => void;
  onToggleDetails: () => void;
  onBack: () => void;
}

export function ConversationHeader(props: Props) {
  const { conversation, name, now, meId, busy } = props;
  const { t, lang } = useI18n();
  const mine = conversation.status === 'assigned' && conversation.assignee?.id === meId;
  const byOther = conversation.status === 'assigned' && conversation.assignee && !mine;
  const reopen = props.onReopen;
  const reopenable =
    reopen !== undefined && mayReopen(conversation, { id: meId, role: props.meRole ?? 'agent' });
  useShortcuts({ o: () => reopenable && busy === null && reopen?.() });
  return (
    <header className="conversation-header">
      <button type="button" className="button button-ghost back-button" onClick={props.onBack}>
        ‹ {t('conversation.back')}
      </button>
      <Avatar name={name} tone={toneOf(conversation.contact.id)} />
      <div className="conversation-title">
        <h2>{name}</h2>
        <div className="conversation-meta">
          <StatusChip status={conversation.status} />
          {conversation.team && <TeamChip team={conversation.team} />}
          {conversation.handoffReason && <ReasonChip reason={conversation.handoffReason} />}
          {conversation.status === 'queued' && (
            <span className="meta-text">
              {formatWait(conversation.queuedAt ?? conversation.createdAt, now, lang)}
            </span>
          )}
          {byOther && conversation.assignee && (
            <span className="meta-text">
              {t('conversation.handledBy', { name: conversation.assignee.name })}
            </span>
          )}
        </div>
      </div>
      <div className="conversation-actions">
        <button
          type="button"
          className="button button-ghost details-toggle"
          aria-expanded={props.detailsVisible}
          onClick={props.onToggleDetails}
        >
          {t('conversation.details')}
        </button>
        {conversation.status === 'queued' && (
          <button
            type="button"
            className="button button-primary"
            disabled={busy !== null}
            onClick={props.onAccept}
          >
            {busy === 'accept' ? t('conversation.accepting') : t('conversation.accept')}
          </button>
        )}
        {mine && (
          <button
            type="button"
            className="button button-success"
            disabled={busy !== null}
            onClick={props.onResolve}
          >
            {busy === 'resolve' ? t('conversation.resolving') : t('conversation.resolve')}
          </button>
        )}
        {reopenable && (
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={reopen}>
            {busy === 'reopen' ? t('conversation.reopening') : t('conversation.reopen')}
          </button>
        )}
      </div>
    </header>
  );
}
