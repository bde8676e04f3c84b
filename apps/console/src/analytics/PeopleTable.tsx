import type { AnalyticsPeople } from '@tandem/protocol';
import { Table } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import { formatAverage, formatPercent, formatSeconds } from './format.ts';

type Row = AnalyticsPeople['agents'][number];

/** Load and outcomes per person or team, sortable. */
export function PeopleTable({ rows, testId }: { rows: Row[]; testId: string }) {
  const { t } = useI18n();
  const numeric = (key: keyof Row) => (a: Row, b: Row) => Number(a[key] ?? -1) - Number(b[key] ?? -1);
  return (
    <Table<Row>
      data-testid={testId}
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 640 }}
      columns={[
        {
          title: t('analytics.col.name'),
          dataIndex: 'name',
          render: (name: string) => name || t('analytics.none'),
        },
        {
          title: t('analytics.col.conversations'),
          dataIndex: 'conversations',
          sorter: numeric('conversations'),
          defaultSortOrder: 'descend',
        },
        { title: t('analytics.col.ended'), dataIndex: 'ended', sorter: numeric('ended') },
        {
          title: t('analytics.col.transfers'),
          dataIndex: 'agentTransfers',
          sorter: numeric('agentTransfers'),
        },
        {
          title: t('analytics.col.firstResponse'),
          dataIndex: 'firstResponseSeconds',
          sorter: numeric('firstResponseSeconds'),
          render: (v: number | null) => formatSeconds(t, v),
        },
        {
          title: t('analytics.col.handle'),
          dataIndex: 'handleSeconds',
          sorter: numeric('handleSeconds'),
          render: (v: number | null) => formatSeconds(t, v),
        },
        {
          title: t('analytics.col.csat'),
          dataIndex: 'csatAverage',
          sorter: numeric('csatAverage'),
          render: formatAverage,
        },
        {
          title: t('analytics.col.sla'),
          dataIndex: 'slaMetRate',
          sorter: numeric('slaMetRate'),
          render: formatPercent,
        },
      ]}
    />
  );
}
