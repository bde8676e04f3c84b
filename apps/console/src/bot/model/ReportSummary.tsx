import type { ModelReport, ReportJob } from '@tandem/protocol';
import { Alert, Button } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { formatClock } from '../../time.ts';
import { percent } from './report.ts';

interface Props {
  job: ReportJob | null;
  report: ModelReport | null;
  starting: boolean;
  onRun: () => void;
}

/** The run button, what the run is doing, and the report's figures. */
export function ReportSummary({ job, report, starting, onRun }: Props) {
  const { t, lang } = useI18n();
  const now = Date.now();
  const running = job?.state === 'running';
  return (
    <div className="report-summary">
      <Button type="primary" block loading={starting || running} onClick={onRun}>
        {running
          ? t('botModel.report.running')
          : report
            ? t('botModel.report.again')
            : t('botModel.report.run')}
      </Button>
      {running && (
        <p className="muted" role="status">
          {t('botModel.report.runningSince', { time: formatClock(job.startedAt, now, lang) })}
        </p>
      )}
      {job?.state === 'failed' && job.error && (
        <Alert
          type="error"
          showIcon
          title={t(`botModel.report.error.${job.error.code}`)}
          description={job.error.code === 'training_failed' ? job.error.message : undefined}
        />
      )}
      {report && (
        <dl className="model-facts" aria-label={t('botModel.report.figures')}>
          <dt>{t('botModel.report.madeAt')}</dt>
          <dd>{formatClock(report.createdAt, now, lang)}</dd>
          <dt>{t('botModel.report.examples')}</dt>
          <dd>{t('botModel.report.examplesValue', { n: report.examples, intents: report.intents })}</dd>
          <dt>{t('botModel.report.accuracy')}</dt>
          <dd className="model-figure">{percent(report.accuracy)}</dd>
          <dt>{t('botModel.report.macroF1')}</dt>
          <dd className="model-figure">{percent(report.macroF1)}</dd>
          <dt>{t('botModel.report.threshold')}</dt>
          <dd>
            {report.threshold.value.toFixed(2)}
            <span className="muted">
              {' '}
              · {t('botModel.report.refused', { share: percent(report.threshold.refused) })}
            </span>
          </dd>
          <dt>{t('botModel.report.folds')}</dt>
          <dd>{report.folds}</dd>
        </dl>
      )}
    </div>
  );
}
