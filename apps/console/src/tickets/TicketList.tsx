import type { TicketView } from '@tandem/protocol';
import { List, Tabs, Tag, Typography } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import { ListEmpty, ListError, ListLoading } from '../layout/ListStates.tsx';
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
  const { t } = useI18n();
  const rows =
    load.state === 'loading' && tickets.length === 0 ? (
      <ListLoading label={t('tickets.loading')} />
    ) : load.state === 'error' ? (
      <ListError code={load.code} onRetry={onRetry} />
    ) : tickets.length === 0 ? (
      <ListEmpty text={t(`tickets.empty.${status}`)} />
    ) : (
      <List<TicketView>
        className="pick-list"
        dataSource={tickets}
        rowKey="id"
        renderItem={(ticket) => (
          <TicketRow ticket={ticket} active={ticket.id === selected} onSelect={onSelect} />
        )}
      />
    );
  return (
    <section className="admin-list ticket-list" aria-label={t('tickets.title')}>
      <div className="admin-list-head">
        <div className="admin-list-title">
          <Typography.Title level={2} className="pane-title">
            {t('tickets.title')}
          </Typography.Title>
          <Typography.Text type="secondary" className="admin-count" aria-live="polite">
            {load.state === 'ready' ? t('tickets.count', { n: tickets.length }) : ''}
          </Typography.Text>
        </div>
      </div>
      <Tabs
        className="pane-tabs"
        activeKey={status}
        onChange={(key) => onStatus(key as TicketStatus)}
        items={ticketTabs.map((tab) => ({
          key: tab,
          label: t(`tickets.status.${tab}`),
          children: tab === status ? <div className="admin-rows">{rows}</div> : null,
        }))}
      />
    </section>
  );
}

function TicketRow({
  ticket,
  active,
  onSelect,
}: {
  ticket: TicketView;
  active: boolean;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const now = useNow(30_000);
  return (
    <List.Item className="pick-item">
      <button
        type="button"
        className={`admin-row ticket-row${active ? ' is-active' : ''}`}
        aria-current={active ? 'true' : undefined}
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
          {ticket.team && (
            <Tag bordered={false} className="row-tag">
              {ticket.team.name}
            </Tag>
          )}
          <span>
            {ticket.replies.length === 1
              ? t('tickets.oneReply')
              : t('tickets.replies', { n: ticket.replies.length })}
          </span>
        </span>
      </button>
    </List.Item>
  );
}
