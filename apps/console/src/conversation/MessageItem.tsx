import type { MessageView, Role } from '@tandem/protocol';
import { EmotionChip } from '../chips.tsx';
import { isNotable } from '../emotion.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { PendingMessage } from '../store/messages.ts';
import type { Receipt } from '../store/receipts.ts';
import { formatClock } from '../time.ts';
import { AttachmentView } from './AttachmentView.tsx';
import { noticeText } from './notices.ts';

export function SystemNotice({ message, time }: { message: MessageView; time: string }) {
  const { t, lang } = useI18n();
  const formatTime = (iso: string) => formatClock(iso, Date.now(), lang);
  return (
    <li className="msg-system">
      <span>{noticeText(message.notice, message.text, t, formatTime)}</span>
      <time dateTime={message.createdAt}>{time}</time>
    </li>
  );
}

interface ItemProps {
  message: MessageView;
  /** the writer's role, for staff messages */
  role?: Role;
  contactName: string;
  continued: boolean;
  time: string;
  /** whether the customer has seen it (our side's messages only); `worded`: said in words, not only ticks */
  receipt?: { state: Receipt; worded: boolean } | null;
}

/** A quiet ✓ (sent) or ✓✓ (read) under one of our messages, named for screen readers. */
function ReceiptMark({ state, worded }: { state: Receipt; worded: boolean }) {
  const { t } = useI18n();
  const label = t(state === 'read' ? 'receipts.read' : 'receipts.sent');
  return (
    <div className={`msg-status msg-receipt is-${state}`} title={label}>
      <span aria-hidden="true">{state === 'read' ? '✓✓' : '✓'}</span>
      <span className={worded ? undefined : 'sr-only'}>{label}</span>
    </div>
  );
}

export function MessageItem({ message, contactName, continued, time, role, receipt }: ItemProps) {
  const { t } = useI18n();
  const kind = message.author.kind;
  const label =
    kind === 'customer'
      ? contactName
      : kind === 'bot'
        ? (message.author.name ?? t('author.bot'))
        : (message.author.name ?? t('author.agent'));
  const note = message.internal === true;
  const expert = kind === 'agent' && role === 'expert';
  const supervisor = kind === 'agent' && (role === 'supervisor' || role === 'admin');
  return (
    <li
      className={`msg msg-${kind}${expert ? ' msg-expert' : ''}${note ? ' msg-note' : ''}${continued && !note ? ' is-continued' : ''}`}
    >
      {(!continued || note) && (
        <div className="msg-meta">
          <span className="msg-author">{label}</span>
          {kind === 'bot' && message.author.name && <span className="msg-tag">{t('author.bot')}</span>}
          {expert && <span className="msg-tag msg-tag-expert">{t('role.expert')}</span>}
          {supervisor && <span className="msg-tag">{t(`role.${role}`)}</span>}
          {note && <span className="msg-tag msg-tag-note">{t('transcript.note')}</span>}
          <time dateTime={message.createdAt}>{time}</time>
          {message.emotion && isNotable(message.emotion) && <EmotionChip emotion={message.emotion} />}
        </div>
      )}
      {message.text && <div className="bubble">{message.text}</div>}
      {message.attachments && message.attachments.length > 0 && (
        <ul className="msg-attachments" aria-label={t('transcript.attachments')}>
          {message.attachments.map((attachment) => (
            <li key={attachment.id}>
              <AttachmentView attachment={attachment} />
            </li>
          ))}
        </ul>
      )}
      {continued && message.emotion && isNotable(message.emotion) && (
        <div className="msg-emotion">
          <EmotionChip emotion={message.emotion} />
        </div>
      )}
      {message.buttons.length > 0 && (
        <ul className="msg-buttons" aria-label={t('transcript.buttons')}>
          {message.buttons.map((button) => (
            <li key={`${button.payload}:${button.label}`}>{button.label}</li>
          ))}
        </ul>
      )}
      {receipt && <ReceiptMark state={receipt.state} worded={receipt.worded} />}
    </li>
  );
}

interface PendingProps {
  message: PendingMessage;
  myName: string;
  time: string;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

export function PendingItem({ message, myName, time, onRetry, onDiscard }: PendingProps) {
  const { t } = useI18n();
  const failed = message.state === 'failed';
  return (
    <li
      className={`msg msg-agent is-pending${message.internal ? ' msg-note' : ''}${failed ? ' is-failed' : ''}`}
    >
      <div className="msg-meta">
        <span className="msg-author">{myName}</span>
        {message.internal && <span className="msg-tag msg-tag-note">{t('transcript.note')}</span>}
        <time dateTime={message.createdAt}>{time}</time>
      </div>
      {message.text && <div className="bubble">{message.text}</div>}
      {(message.attachmentIds?.length ?? 0) > 0 && (
        <div className="msg-status">
          {t('transcript.withFiles', { n: message.attachmentIds?.length ?? 0 })}
        </div>
      )}
      <div className="msg-status" role={failed ? 'alert' : 'status'}>
        {failed ? (
          <>
            <span>
              {message.error
                ? t('transcript.failedWith', { error: t(`error.${message.error}`) })
                : t('transcript.failed')}
            </span>
            <button type="button" className="link-button" onClick={() => onRetry(message.clientId)}>
              {t('transcript.retry')}
            </button>
            <button type="button" className="link-button" onClick={() => onDiscard(message.clientId)}>
              {t('transcript.discard')}
            </button>
          </>
        ) : (
          <span>{t('transcript.sending')}</span>
        )}
      </div>
    </li>
  );
}
