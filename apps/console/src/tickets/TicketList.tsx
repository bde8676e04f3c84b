import type { TicketView } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';
import type { LoadState } from '../store/useInbox.ts';
import { formatRelative } from '../time.ts';
import { useNow } from '../useNow.ts';
import { firstLine, type TicketStatus, ticketTabs, whoLeft } from './tickets.ts';

interface Props {
  status: TicketStatus;
  onStatus: (status: TicketStatus) => void;
  tickets: TicketView[];
  load: LoadState;
  selected: string | null;
  onSelect: (id: string) => void;
  onRetry: () => void;
}

/** The tickets of one status, newest first: who, the first line of what they wrote, team, time, replies. */
export function TicketList({ status, onStatus, tickets, load, selected, onSelect, onRetry }: Props) {
  const { t, lang } = useI18n();
  const now = useNow(30_000);
  return (
    <section className="admin-list ticket-list" aria-label={t('tickets.title')}>
      <div className="admin-list-head">
        <div className="admin-list-title">
          <h2>{t('tickets.title')}</h2>
          <span className="admin-count" aria-live="polite">
            {load.state === 'ready' ? t('tickets.count', { n: tickets.length }) : ''}
          </span>
        </div>
      </div>
      <div className="tabs" role="tablist">
        {ticketTabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`ticket-tab-${tab}`}
            aria-selected={tab === status}
            aria-controls="ticket-rows"
            className={`tab${tab === status ? ' is-active' : ''}`}
            onClick={() => onStatus(tab)}
          >
            {t(`tickets.status.${tab}`)}
          </button>
        ))}
      </div>
      <div className="admin-rows" id="ticket-rows" role="tabpanel" aria-labelledby={`ticket-tab-${status}`}>
        {load.state === 'loading' && tickets.length === 0 ? (
          <p className="inbox-empty" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('tickets.loading')}
          </p>
        ) : load.state === 'error' ? (
          <div className="inbox-empty" role="alert">
            {t('admin.loadError')}: {t(`error.${load.code}`)}
            <button type="button" className="button button-sm" onClick={onRetry}>
              {t('common.retry')}
            </button>
          </div>
        ) : tickets.length === 0 ? (
          <p className="inbox-empty">{t(`tickets.empty.${status}`)}</p>
        ) : (
          <ul>
            {tickets.map((ticket) => (
              <li key={ticket.id}>
                <button
                  type="button"
                  className={`admin-row ticket-row${ticket.id === selected ? ' is-active' : ''}`}
                  aria-current={ticket.id === selected ? 'true' : undefined}
                  onClick={() => onSelect(ticket.id)}
                >
                  <span className="ticket-row-top">
                    <span className="admin-row-title">{whoLeft(ticket) || t('tickets.anonymous')}</span>
                    <time className="ticket-row-time" dateTime={ticket.createdAt}>
                      {formatRelative(ticket.createdAt, now, lang)}
                    </time>
                  </span>
                  <span className="ticket-row-preview">{firstLine(ticket.message)}</span>
                  <span className="admin-row-meta">
                    {ticket.team && <span className="chip">{ticket.team.name}</span>}
                    <span>
                      {ticket.replies.length === 1
                        ? t('tickets.oneReply')
                        : t('tickets.replies', { n: ticket.replies.length })}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
