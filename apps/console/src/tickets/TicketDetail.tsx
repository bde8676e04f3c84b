import type { TicketView } from '@tandem/protocol';
import { type FormEvent, useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { formatClock } from '../time.ts';
import { useNow } from '../useNow.ts';
import { emailStateKey, type TicketStatus, whoLeft } from './tickets.ts';

interface Props {
  ticket: TicketView;
  onReply: (text: string, email: boolean) => Promise<unknown>;
  onStatus: (status: TicketStatus) => Promise<unknown>;
  onError: (key: MessageKey) => void;
  onBack: () => void;
}

/** One ticket: the whole message, how to reach the customer, the replies, a reply box and its status. */
export function TicketDetail({ ticket, onReply, onStatus, onError, onBack }: Props) {
  const { t, lang } = useI18n();
  const now = useNow(30_000);
  const [text, setText] = useState('');
  const [email, setEmail] = useState(true);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      return true;
    } catch (error) {
      onError(`error.${errorCodeOf(error)}`);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = text.trim();
    if (body === '' || busy) return;
    if (await run(() => onReply(body, ticket.email !== null && email))) setText('');
  };

  return (
    <main className="admin-detail ticket-detail" aria-label={t('tickets.detail')}>
      <div className="admin-editor-head">
        <button type="button" className="button button-ghost back-button" onClick={onBack}>
          ‹ {t('admin.back')}
        </button>
        <h2>{whoLeft(ticket) || t('tickets.anonymous')}</h2>
        <span className={`chip ticket-status is-${ticket.status}`}>
          {t(`tickets.status.${ticket.status}`)}
        </span>
        {ticket.team && <span className="chip">{ticket.team.name}</span>}
        <span className="ticket-actions">
          {ticket.status === 'solved' ? (
            <button
              type="button"
              className="button button-sm"
              disabled={busy}
              onClick={() => run(() => onStatus('open'))}
            >
              {t('tickets.reopen')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-success button-sm"
              disabled={busy}
              onClick={() => run(() => onStatus('solved'))}
            >
              {t('tickets.solve')}
            </button>
          )}
        </span>
      </div>
      <div className="admin-editor-body">
        <dl className="ticket-contact">
          {ticket.name && (
            <>
              <dt>{t('tickets.name')}</dt>
              <dd>{ticket.name}</dd>
            </>
          )}
          <dt>{t('tickets.emailAddress')}</dt>
          <dd>{ticket.email ?? t('common.none')}</dd>
          <dt>{t('tickets.phone')}</dt>
          <dd>{ticket.phone ?? t('common.none')}</dd>
          <dt>{t('tickets.left')}</dt>
          <dd>
            <time dateTime={ticket.createdAt}>{formatClock(ticket.createdAt, now, lang)}</time>
          </dd>
        </dl>
        <section aria-label={t('tickets.message')}>
          <h3 className="ticket-heading">{t('tickets.message')}</h3>
          <p className="ticket-message">{ticket.message}</p>
        </section>
        <section aria-label={t('tickets.repliesTitle')}>
          <h3 className="ticket-heading">{t('tickets.repliesTitle')}</h3>
          {ticket.replies.length === 0 ? (
            <p className="muted">{t('tickets.noReplies')}</p>
          ) : (
            <ol className="ticket-replies">
              {ticket.replies.map((reply) => (
                <li key={reply.id} className="ticket-reply">
                  <div className="ticket-reply-meta">
                    <span className="ticket-reply-author">{reply.author?.name ?? t('tickets.someone')}</span>
                    <time dateTime={reply.createdAt}>{formatClock(reply.createdAt, now, lang)}</time>
                    <span className={`chip ticket-email is-${reply.emailState}`}>
                      {t(emailStateKey[reply.emailState])}
                    </span>
                  </div>
                  <p className="ticket-reply-text">{reply.text}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <form className="ticket-reply-form" onSubmit={submit}>
          <label className="ticket-heading" htmlFor="ticket-reply-text">
            {t('tickets.replyLabel')}
          </label>
          <textarea
            id="ticket-reply-text"
            className="input"
            rows={4}
            maxLength={4000}
            value={text}
            placeholder={t('tickets.replyPlaceholder')}
            onChange={(event) => setText(event.target.value)}
          />
          <div className="ticket-reply-foot">
            {ticket.email !== null && (
              <label className="ticket-check">
                <input type="checkbox" checked={email} onChange={(event) => setEmail(event.target.checked)} />
                {t('tickets.alsoEmail')}
              </label>
            )}
            <button type="submit" className="button button-primary" disabled={busy || text.trim() === ''}>
              {busy ? t('tickets.sending') : t('tickets.send')}
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}
