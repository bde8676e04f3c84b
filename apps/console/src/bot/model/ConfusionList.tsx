import type { ConfusionPairView, IntentSummary, ModelReport } from '@tandem/protocol';
import { Button, Empty, Table } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { OOS, reportIntentName } from './report.ts';

interface Props {
  report: ModelReport;
  intents: IntentSummary[];
  /** opens the pair in the Intents tab (the expected one first, its misclassified examples pointed out) */
  onOpenPair: (pair: ConfusionPairView) => void;
}

/** Which intent was taken for which, how often, with the examples that were: each pair opens to fix. */
export function ConfusionList({ report, intents, onOpenPair }: Props) {
  const { t, lang } = useI18n();
  const name = (id: string) =>
    id === OOS ? t('botModel.report.oos') : reportIntentName(id, report, intents, lang);
  if (report.confusions.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('botModel.report.noConfusions')} />;
  return (
    <Table<ConfusionPairView>
      className="model-table confusion-table"
      size="small"
      rowKey={(pair) => `${pair.expected}\u0000${pair.predicted}`}
      dataSource={report.confusions}
      pagination={report.confusions.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      aria-label={t('botModel.report.confusions')}
      columns={[
        {
          title: t('botModel.report.col.pair'),
          key: 'pair',
          render: (_: unknown, pair) => (
            <div className="confusion-pair">
              <strong>{name(pair.expected)}</strong>
              <span className="muted"> → </span>
              <strong>{name(pair.predicted)}</strong>
              <ul className="confusion-examples">
                {pair.examples.map((text) => (
                  <li key={text}>“{text}”</li>
                ))}
              </ul>
            </div>
          ),
        },
        {
          title: t('botModel.report.col.count'),
          dataIndex: 'count',
          width: 80,
          sorter: (a, b) => a.count - b.count,
        },
        {
          title: '',
          key: 'open',
          width: 150,
          render: (_: unknown, pair) => (
            <Button
              size="small"
              aria-label={
                pair.predicted === OOS
                  ? t('botModel.report.openOneLabel', { expected: name(pair.expected) })
                  : t('botModel.report.openPairLabel', {
                      expected: name(pair.expected),
                      predicted: name(pair.predicted),
                    })
              }
              onClick={() => onOpenPair(pair)}
            >
              {pair.predicted === OOS ? t('botModel.report.openOne') : t('botModel.report.openPair')}
            </Button>
          ),
        },
      ]}
    />
  );
}
