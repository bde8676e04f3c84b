import type { IntentSummary, ModelReport, ReportIntent } from '@tandem/protocol';
import { Button, Table, Tag } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { percent, reportIntentName, WEAK_F1, worstFirst } from './report.ts';

interface Props {
  report: ModelReport;
  intents: IntentSummary[];
  onOpen: (id: string) => void;
}

const score = (value: number) => (
  <span className={value < WEAK_F1 ? 'model-weak' : undefined}>{percent(value)}</span>
);

/** Precision, recall and F1 of every intent, worst first; each column sorts. */
export function IntentMetricsTable({ report, intents, onOpen }: Props) {
  const { t, lang } = useI18n();
  const name = (row: ReportIntent) => reportIntentName(row.intent, report, intents, lang);
  return (
    <Table<ReportIntent>
      className="model-table"
      size="small"
      rowKey="intent"
      dataSource={report.perIntent}
      pagination={report.perIntent.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      aria-label={t('botModel.report.perIntent')}
      columns={[
        {
          title: t('botModel.report.col.intent'),
          key: 'intent',
          sorter: (a, b) => name(a).localeCompare(name(b)),
          render: (_: unknown, row) => (
            <span className="model-intent">
              <Button type="link" size="small" className="model-link" onClick={() => onOpen(row.intent)}>
                {name(row)}
              </Button>
              {row.source !== 'oos' && (
                <Tag color={row.source === 'flow' ? 'purple' : 'blue'}>
                  {t(`botModel.source.${row.source}`)}
                </Tag>
              )}
            </span>
          ),
        },
        {
          title: t('botModel.report.col.support'),
          dataIndex: 'support',
          width: 90,
          sorter: (a, b) => a.support - b.support,
        },
        {
          title: t('botModel.report.col.precision'),
          dataIndex: 'precision',
          width: 100,
          sorter: (a, b) => a.precision - b.precision,
          render: score,
        },
        {
          title: t('botModel.report.col.recall'),
          dataIndex: 'recall',
          width: 100,
          sorter: (a, b) => a.recall - b.recall,
          render: score,
        },
        {
          title: t('botModel.report.col.f1'),
          dataIndex: 'f1',
          width: 90,
          defaultSortOrder: 'ascend',
          sorter: worstFirst,
          render: score,
        },
      ]}
    />
  );
}
