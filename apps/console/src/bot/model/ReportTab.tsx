import { Alert, Button, Empty, Spin, Typography } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { ConfusionList } from './ConfusionList.tsx';
import { IntentMetricsTable } from './IntentMetricsTable.tsx';
import { ModelPane } from './ModelPane.tsx';
import { ReportSummary } from './ReportSummary.tsx';
import { OOS } from './report.ts';
import type { BotTab, IntentFocus } from './tabs.ts';
import { useIntents } from './useIntents.ts';
import { useReport } from './useReport.ts';

interface Props {
  onTab: (tab: BotTab) => void;
  /** opens intents in the Intents tab */
  onOpen: (focus: IntentFocus) => void;
  onSessionLost: () => void;
}

/** Cross-validation of what the bot learns: the figures, every intent's scores and the confusions to fix. */
export function ReportTab({ onTab, onOpen, onSessionLost }: Props) {
  const { t } = useI18n();
  const { job, done, loading, problem, starting, run, reload } = useReport(onSessionLost);
  const { intents } = useIntents(onSessionLost);
  const report = job?.report ?? done?.report ?? null;
  const running = job?.state === 'running';
  return (
    <>
      <ModelPane tab="report" onTab={onTab}>
        <ReportSummary job={job} report={report} starting={starting} onRun={() => void run()} />
      </ModelPane>
      <main className="admin-detail report-detail">
        {problem && (
          <Alert
            className="model-alert"
            type="error"
            showIcon
            title={t(`error.${problem}`)}
            action={<Button onClick={() => void reload()}>{t('common.retry')}</Button>}
          />
        )}
        {loading && !job ? (
          <div className="model-empty" role="status">
            <Spin /> {t('bot.loading')}
          </div>
        ) : !report ? (
          running ? (
            <div className="model-empty" role="status">
              <Spin /> {t('botModel.report.wait')}
            </div>
          ) : (
            <Empty className="model-empty" description={t('botModel.report.none')} />
          )
        ) : (
          <div className="report-body">
            {running && <Alert type="info" showIcon title={t('botModel.report.olderShown')} />}
            <section aria-labelledby="model-confusions">
              <Typography.Title level={5} id="model-confusions">
                {t('botModel.report.confusions')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">
                {t('botModel.report.confusionsHint')}
              </Typography.Paragraph>
              <ConfusionList
                report={report}
                intents={intents}
                onOpenPair={(pair) =>
                  onOpen({
                    ids: pair.predicted === OOS ? [pair.expected] : [pair.expected, pair.predicted],
                    highlight: pair.examples,
                  })
                }
              />
            </section>
            <section aria-labelledby="model-per-intent">
              <Typography.Title level={5} id="model-per-intent">
                {t('botModel.report.perIntent')}
              </Typography.Title>
              <IntentMetricsTable
                report={report}
                intents={intents}
                onOpen={(id) => onOpen({ ids: [id], highlight: [] })}
              />
            </section>
          </div>
        )}
      </main>
    </>
  );
}
