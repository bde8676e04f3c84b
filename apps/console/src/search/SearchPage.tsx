import { SearchOutlined } from '@ant-design/icons';
import type { ConversationSearchHit, Me, Teammate } from '@tandem/protocol';
import { Alert, Button, DatePicker, Empty, Form, Input, List, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { type SearchFilters, workspaceApi } from '../apiWorkspace.ts';
import { contactName } from '../contact.ts';
import { dispositionLabel } from '../conversation/ResolveDialog.tsx';
import { useI18n } from '../I18nProvider.tsx';
import { formatRelative } from '../time.ts';
import { useMediaQuery } from '../useMediaQuery.ts';
import { Snippet } from './Snippet.tsx';

interface Props {
  me: Me;
  team: Teammate[];
  onOpen: (conversationId: string) => void;
  onSessionLost: () => void;
}

interface FormValues {
  q?: string;
  customer?: string;
  tag?: string;
  agentId?: string;
  status?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

type Results =
  | { state: 'idle' }
  | { state: 'loading'; rows: ConversationSearchHit[] }
  | { state: 'ready'; rows: ConversationSearchHit[]; next: string | null; filters: SearchFilters }
  | { state: 'error'; code: string; rows: ConversationSearchHit[] };

const statuses = ['bot', 'queued', 'assigned', 'resolved', 'closed'] as const;

function filtersOf(values: FormValues): SearchFilters {
  const { from, to } = values;
  return {
    q: values.q?.trim() || undefined,
    customer: values.customer?.trim() || undefined,
    tag: values.tag?.trim() || undefined,
    agentId: values.agentId || undefined,
    status: values.status || undefined,
    from: from ? from.format('YYYY-MM-DD') : undefined,
    to: to ? to.format('YYYY-MM-DD') : undefined,
  };
}

/** Search every conversation by text, customer, tag, date, agent and status; a result opens the conversation. */
export function SearchPage({ team, onOpen, onSessionLost }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [results, setResults] = useState<Results>({ state: 'idle' });

  const run = async (filters: SearchFilters, append: boolean) => {
    const previous = append && results.state !== 'idle' ? results.rows : [];
    setResults({ state: 'loading', rows: previous });
    try {
      const page = await workspaceApi.search(filters);
      setResults({ state: 'ready', rows: [...previous, ...page.results], next: page.nextCursor, filters });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') onSessionLost();
      setResults({ state: 'error', code, rows: previous });
    }
  };

  const rows = results.state === 'idle' ? [] : results.rows;
  const now = Date.now();
  const query = results.state === 'ready' ? (results.filters.q ?? '') : '';
  // on a phone a table's columns get a few characters each: one card per conversation instead
  const narrow = useMediaQuery('(max-width: 720px)');
  const none = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.none')} />;
  return (
    <main className="page search-page" aria-labelledby="search-title">
      <div className="page-head">
        <Typography.Title level={3} id="search-title">
          {t('search.title')}
        </Typography.Title>
      </div>
      <Form<FormValues>
        form={form}
        layout="vertical"
        className="search-form"
        role="search"
        onFinish={(values) => void run(filtersOf(values), false)}
      >
        <Form.Item name="q" label={t('search.text')} className="search-wide">
          <Input
            allowClear
            placeholder={t('search.textPlaceholder')}
            prefix={<SearchOutlined aria-hidden="true" />}
            maxLength={200}
          />
        </Form.Item>
        <Form.Item name="customer" label={t('search.customer')}>
          <Input allowClear placeholder={t('search.customerPlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item name="tag" label={t('search.tag')}>
          <Input allowClear maxLength={64} />
        </Form.Item>
        <Form.Item name="agentId" label={t('search.agent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('search.anyone')}
            options={team.map((mate) => ({ value: mate.id, label: mate.name }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('search.status')}>
          <Select
            allowClear
            placeholder={t('search.anyStatus')}
            options={statuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
        </Form.Item>
        <Form.Item name="from" label={t('search.from')}>
          <DatePicker className="search-date" placeholder={t('search.datePlaceholder')} />
        </Form.Item>
        <Form.Item name="to" label={t('search.to')}>
          <DatePicker className="search-date" placeholder={t('search.datePlaceholder')} />
        </Form.Item>
        <Form.Item className="search-actions" label={<span aria-hidden="true">&nbsp;</span>}>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SearchOutlined />}
            loading={results.state === 'loading'}
          >
            {t('search.submit')}
          </Button>
        </Form.Item>
      </Form>
      {results.state === 'error' && (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          title={t(`error.${results.code}` as Parameters<typeof t>[0])}
        />
      )}
      {results.state === 'idle' ? (
        <Empty className="search-idle" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.hint')} />
      ) : narrow ? (
        <List<ConversationSearchHit>
          className="search-list"
          dataSource={rows}
          rowKey="id"
          loading={results.state === 'loading'}
          locale={{ emptyText: none }}
          renderItem={(hit) => (
            <List.Item className="search-item">
              <button type="button" className="search-card search-row" onClick={() => onOpen(hit.id)}>
                <span className="search-card-top">
                  <span className="search-card-name">
                    {contactName({ ...hit.customer, lang: null, attributes: {} }, t)}
                  </span>
                  <time dateTime={hit.lastActivityAt}>{formatRelative(hit.lastActivityAt, now, lang)}</time>
                </span>
                {hit.match && (
                  <span className="search-match search-card-match">
                    {hit.match.internal && <Tag color="gold">{t('composer.note')}</Tag>}
                    <Snippet text={hit.match.snippet} query={query} />
                  </span>
                )}
                <span className="search-tags">
                  <Tag bordered={false}>{t(`status.${hit.status}`)}</Tag>
                  {(hit.assignee ?? hit.lastAgent) && (
                    <Typography.Text type="secondary">
                      {(hit.assignee ?? hit.lastAgent)?.name}
                    </Typography.Text>
                  )}
                  {hit.tags.map((tag) => (
                    <Tag key={`t:${tag}`} bordered={false}>
                      {tag}
                    </Tag>
                  ))}
                  {hit.disposition.map((tag) => (
                    <Tag key={`d:${tag}`} color="blue" bordered={false}>
                      {dispositionLabel(tag, t)}
                    </Tag>
                  ))}
                </span>
              </button>
            </List.Item>
          )}
        />
      ) : (
        <Table<ConversationSearchHit>
          className="search-results"
          size="small"
          rowKey="id"
          dataSource={rows}
          loading={results.state === 'loading'}
          pagination={false}
          tableLayout="fixed"
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.none')} />,
          }}
          onRow={(hit) => ({ onClick: () => onOpen(hit.id), className: 'search-row' })}
          columns={[
            {
              title: t('search.col.customer'),
              key: 'customer',
              width: 140,
              ellipsis: true,
              render: (_: unknown, hit) => (
                <Button
                  type="link"
                  size="small"
                  className="search-open"
                  onClick={(event) => {
                    // the row opens it too: once is enough
                    event.stopPropagation();
                    onOpen(hit.id);
                  }}
                >
                  {contactName({ ...hit.customer, lang: null, attributes: {} }, t)}
                </Button>
              ),
            },
            {
              title: t('search.col.match'),
              key: 'match',
              render: (_: unknown, hit) =>
                hit.match ? (
                  <span className="search-match">
                    {hit.match.internal && <Tag color="gold">{t('composer.note')}</Tag>}
                    <Snippet text={hit.match.snippet} query={query} />
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                ),
            },
            {
              title: t('search.col.status'),
              dataIndex: 'status',
              width: 90,
              responsive: ['sm'],
              render: (status: ConversationSearchHit['status']) => t(`status.${status}`),
            },
            {
              title: t('search.col.agent'),
              key: 'agent',
              width: 120,
              ellipsis: true,
              responsive: ['md'],
              render: (_: unknown, hit) => (hit.assignee ?? hit.lastAgent)?.name ?? t('common.none'),
            },
            {
              title: t('search.col.tags'),
              key: 'tags',
              width: 170,
              responsive: ['lg'],
              render: (_: unknown, hit) => (
                <span className="search-tags">
                  {hit.tags.map((tag) => (
                    <Tag key={`t:${tag}`} bordered={false}>
                      {tag}
                    </Tag>
                  ))}
                  {hit.disposition.map((tag) => (
                    <Tag key={`d:${tag}`} color="blue" bordered={false}>
                      {dispositionLabel(tag, t)}
                    </Tag>
                  ))}
                </span>
              ),
            },
            {
              title: t('search.col.when'),
              dataIndex: 'lastActivityAt',
              width: 96,
              render: (at: string) => <time dateTime={at}>{formatRelative(at, now, lang)}</time>,
            },
          ]}
        />
      )}
      {results.state === 'ready' && results.next && (
        <div className="search-more">
          <Button onClick={() => void run({ ...results.filters, cursor: results.next ?? undefined }, true)}>
            {t('search.more')}
          </Button>
        </div>
      )}
    </main>
  );
}
