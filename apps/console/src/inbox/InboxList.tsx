import type { AgentConversation } from '@tandem/protocol';
import { Badge, Button, Empty, Spin, Tabs } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import type { InboxView } from '../store/inbox.ts';
import type { LoadState } from '../store/useInbox.ts';
import { useNow } from '../useNow.ts';
import { InboxRow } from './InboxRow.tsx';

interface Props {
  views: readonly InboxView[];
  view: InboxView;
  onView: (view: InboxView) => void;
  counts: Record<InboxView, number>;
  /** unread customer messages by conversation */
  unread: Readonly<Record<string, number>>;
  /** unread customer messages across my conversations (the Mine tab's number) */
  unreadMine: number;
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

/** Tabs that show a count: the work waiting and the work in hand (not history or the bot's). */
const counted: ReadonlySet<InboxView> = new Set(['queued', 'mine', 'team', 'all']);

export function InboxList(props: Props) {
  const { view, counts, rows, load } = props;
  const { t } = useI18n();
  const now = useNow(15_000);
  const body =
    load.state === 'loading' && rows.length === 0 ? (
      <p className="inbox-empty" role="status">
        <Spin size="small" /> {t('inbox.loading')}
      </p>
    ) : load.state === 'error' && rows.length === 0 ? (
      <div className="inbox-empty" role="alert">
        <p>{t('inbox.error')}</p>
        <p className="muted">{t(`error.${load.code}`)}</p>
        <Button size="small" onClick={props.onRetry}>
          {t('common.retry')}
        </Button>
      </div>
    ) : rows.length === 0 ? (
      <Empty
        className="inbox-empty"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t(`inbox.empty.${view}`)}
      />
    ) : (
      <ul>
        {rows.map((conversation) => (
          <li key={conversation.id}>
            <InboxRow
              conversation={conversation}
              now={now}
              active={conversation.id === props.openId}
              highlighted={Boolean(props.highlighted[conversation.id])}
              unread={props.unread[conversation.id] ?? 0}
              meId={props.meId}
              names={props.names}
              onSelect={props.onSelect}
            />
          </li>
        ))}
      </ul>
    );
  return (
    <nav className="inbox" aria-label={t('inbox.label')}>
      <Tabs
        className="inbox-tabs"
        size="small"
        tabBarGutter={14}
        activeKey={view}
        onChange={(key) => props.onView(key as InboxView)}
        items={props.views.map((tab) => ({
          key: tab,
          label: (
            <span className="inbox-tab">
              {t(`tab.${tab}`)}
              {counted.has(tab) && counts[tab] > 0 && (
                <Badge
                  count={counts[tab]}
                  size="small"
                  color={tab === 'queued' ? '#dc2626' : '#98a2b3'}
                  className="tab-count"
                />
              )}
              {tab === 'mine' && props.unreadMine > 0 && (
                <span className="tab-unread" title={t('inbox.unread', { n: props.unreadMine })}>
                  <span className="sr-only">{t('inbox.unread', { n: props.unreadMine })}</span>
                </span>
              )}
            </span>
          ),
        }))}
      />
      <div className="inbox-rows" id="inbox-rows" role="tabpanel" aria-label={t(`tab.${view}`)}>
        {body}
      </div>
    </nav>
  );
}
