import type { HandoffPacket } from '@tandem/protocol';
import { useEffect, useState } from 'react';
import { api, type ClientErrorCode, errorCodeOf } from '../api.ts';
import { EmotionChip } from '../chips.tsx';
import { useI18n } from '../I18nProvider.tsx';
import { formatClock } from '../time.ts';
import { detailKey, earlierConversations } from './handoff.ts';

interface Props {
  conversationId: string;
  /** refetched when the conversation changes state (queued → assigned, transferred…) */
  status: string;
  now: number;
}

type Load =
  | { state: 'loading' }
  | { state: 'ready'; packet: HandoffPacket }
  | { state: 'error'; code: ClientErrorCode };

/** What the person taking over needs to know, so the customer never repeats themselves: compact, collapsible. */
export function HandoffPanel({ conversationId, status, now }: Props) {
  const { t, lang } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: status and attempt only trigger a new fetch
  useEffect(() => {
    let cancelled = false;
    api.handoff(conversationId, lang).then(
      (packet) => !cancelled && setLoad({ state: 'ready', packet }),
      (error) => !cancelled && setLoad({ state: 'error', code: errorCodeOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, lang, status, attempt]);

  return (
    <details className="handoff-panel" open>
      <summary>{t('handoff.title')}</summary>
      {load.state === 'loading' ? (
        <p className="muted" role="status">
          {t('handoff.loading')}
        </p>
      ) : load.state === 'error' ? (
        <p role="alert">
          {t('handoff.error')}: {t(`error.${load.code}`)}{' '}
          <button type="button" className="button button-sm" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </p>
      ) : (
        <HandoffBody packet={load.packet} now={now} />
      )}
    </details>
  );
}

function HandoffBody({ packet, now }: { packet: HandoffPacket; now: number }) {
  const { t, lang } = useI18n();
  const { summary, emotion, tickets } = packet;
  const earlier = earlierConversations(packet);
  return (
    <div className="handoff-body">
      <p className="handoff-text">{summary.text}</p>
      <dl className="handoff-facts">
        {summary.details.length > 0 && (
          <div>
            <dt>{t('handoff.details')}</dt>
            <dd>
              <ul className="handoff-details">
                {summary.details.map((detail) => (
                  <li key={`${detail.type}:${detail.text}`}>
                    <span className="muted">{t(detailKey(detail.type))}</span> <span>{detail.text}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {emotion && (
          <div>
            <dt>{t('handoff.emotion')}</dt>
            <dd>
              <EmotionChip emotion={emotion.current} />{' '}
              <span className={`trend-${emotion.trend}`}>{t(`emotion.trend.${emotion.trend}`)}</span>
            </dd>
          </div>
        )}
        {earlier.length > 0 && (
          <div>
            <dt>{t('handoff.previous', { n: earlier.length })}</dt>
            <dd>
              <ul className="handoff-history">
                {earlier.slice(0, 3).map((item) => (
                  <li key={item.id}>
                    <time dateTime={item.createdAt}>{formatClock(item.createdAt, now, lang)}</time>{' '}
                    <span>{item.firstMessage ?? t('handoff.noFirstMessage')}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {tickets.length > 0 && (
          <div>
            <dt>{t('handoff.tickets', { n: tickets.length })}</dt>
            <dd>
              <ul className="handoff-history">
                {tickets.slice(0, 3).map((ticket) => (
                  <li key={ticket.id}>
                    <time dateTime={ticket.createdAt}>{formatClock(ticket.createdAt, now, lang)}</time>{' '}
                    <span className="chip">{t(`tickets.status.${ticket.status}`)}</span>{' '}
                    <span>{ticket.message}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
