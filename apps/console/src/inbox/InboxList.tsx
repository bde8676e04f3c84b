import type { AgentConversation } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';
import { type InboxView, inboxViews } from '../store/inbox.ts';
import type { LoadState } from '../store/useInbox.ts';
import { useNow } from '../useNow.ts';
import { InboxRow } from './InboxRow.tsx';

interface Props {
  view: InboxView;
  onView: (view: InboxView) => void;
  counts: Record<InboxView, number>;
  rows: AgentConversation[];
  highlighted: Record<string, true>;
  load: LoadState;
  openId: string | null;
  meId: string;
  /** staff names by id, for "offered to Li Na" */
  names: ReadonlyMap<string, string>;
  onSelect: (id: string) => void;
  onRetry: () => void;
}

export function InboxList({
  view,
  onView,
  counts,
  rows,
  highlighted,
  load,
  openId,
  meId,
  names,
  onSelect,
  onRetry,
}: Props) {
  const { t } = useI18n();
  const now = useNow(30_000);
  return (
    <nav className="inbox" aria-label={t('inbox.label')}>
      <div className="tabs" role="tablist">
        {inboxViews.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-selected={tab === view}
            aria-controls="inbox-rows"
            className={`tab${tab === view ? ' is-active' : ''}`}
            onClick={() => onView(tab)}
          >
            {t(`tab.${tab}`)}
            {tab !== 'resolved' && counts[tab] > 0 && (
              <span className={`badge${tab === 'queued' ? ' badge-alert' : ''}`}>{counts[tab]}</span>
            )}
          </button>
        ))}
      </div>
      <div className="inbox-rows" id="inbox-rows" role="tabpanel" aria-labelledby={`tab-${view}`}>
        {load.state === 'loading' && rows.length === 0 ? (
          <p className="inbox-empty" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('inbox.loading')}
          </p>
        ) : load.state === 'error' && rows.length === 0 ? (
          <div className="inbox-empty" role="alert">
            <p>{t('inbox.error')}</p>
            <p className="muted">{t(`error.${load.code}`)}</p>
            <button type="button" className="button button-sm" onClick={onRetry}>
              {t('common.retry')}
            </button>
          </div>
        ) : rows.length === 0 ? (
          <p className="inbox-empty">{t(`inbox.empty.${view}`)}</p>
        ) : (
          <ul>
            {rows.map((conversation) => (
              <li key={conversation.id}>
                <InboxRow
                  conversation={conversation}
                  now={now}
                  active={conversation.id === openId}
                  highlighted={Boolean(highlighted[conversation.id])}
                  meId={meId}
                  names={names}
                  onSelect={onSelect}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </nav>
  );
}
