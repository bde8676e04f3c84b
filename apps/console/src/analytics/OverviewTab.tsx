import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AnalyticsOptions, AnalyticsTable } from '@tandem/protocol';
import { Alert, Button, Card, Col, Dropdown, Empty, Row, Spin, Statistic, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { AnalyticsChart } from './AnalyticsChart.tsx';
import { type AnalyticsParams, analyticsApi } from './analyticsApi.ts';
import {
  csatOption,
  heatmapOption,
  reasonsOption,
  slaOption,
  timesOption,
  trendOption,
  volumeOption,
} from './chartOptions.ts';
import { AnalyticsFilters, defaultParams } from './Filters.tsx';
import { formatAverage, formatPercent, formatSeconds } from './format.ts';
import { PeopleTable } from './PeopleTable.tsx';
import { useAnalytics } from './useAnalytics.ts';
import './analytics.css';

interface Props {
  onSessionLost: () => void;
}

/** Export menu: CSV or XLSX of one table (a plain link: the browser streams the download). */
export function ExportMenu({ href, label }: { href: (format: 'csv' | 'xlsx') => string; label: string }) {
  const { t } = useI18n();
  return (
    <Dropdown
      menu={{
        items: (['csv', 'xlsx'] as const).map((format) => ({
          key: format,
          label: (
            <a href={href(format)} download>
              {t(`analytics.export.${format}`)}
            </a>
          ),
        })),
      }}
    >
      <Button size="small" icon={<DownloadOutlined />} aria-label={label}>
        {label}
      </Button>
    </Dropdown>
  );
}

/** The dashboards: filters, key figures and charts over the rollups, per-person and per-team tables, exports. */
export function OverviewTab({ onSessionLost }: Props) {
  const { t } = useI18n();
  const [params, setParams] = useState<AnalyticsParams>(defaultParams);
  const [reload, setReload] = useState(0);
  const [options, setOptions] = useState<AnalyticsOptions>({ teams: [], intents: [], channels: ['widget'] });
  const load = useAnalytics(params, onSessionLost, reload);

  useEffect(() => {
    analyticsApi
      .options()
      .then(setOptions)
      .catch((error: unknown) => {
        if (errorCodeOf(error) === 'unauthenticated') onSessionLost();
      });
  }, [onSessionLost]);

  const charts = useMemo(() => {
    if (load.state !== 'ready') return null;
    const o = load.overview;
    return {
      volume: volumeOption(o, t),
      reasons: reasonsOption(o, t),
      times: timesOption(o, t),
      csat: csatOption(o, t),
      sla: slaOption(o, t),
      intents: trendOption(o, o.intentTrend, 'intent', t),
      emotions: trendOption(o, o.emotionTrend, 'emotion', t),
      heatmap: heatmapOption(o, t),
    };
  }, [load, t]);

  const tableExport = (table: AnalyticsTable) => (format: 'csv' | 'xlsx') =>
    analyticsApi.tableHref(params, table, format);
  const card = (title: MessageKey, table: AnalyticsTable | null, body: React.ReactNode) => (
    <Card
      size="small"
      title={t(title)}
      className="analytics-card"
      extra={table ? <ExportMenu href={tableExport(table)} label={t('analytics.export')} /> : null}
    >
      {body}
    </Card>
  );

  return (
    <section className="analytics-overview" aria-label={t('analytics.tab.overview')}>
      <div className="analytics-toolbar">
        <AnalyticsFilters params={params} options={options} onChange={setParams} />
        <div className="analytics-actions">
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
            {t('analytics.refresh')}
          </Button>
          <ExportMenu
            href={(format) => analyticsApi.conversationsHref(params, format)}
            label={t('analytics.export.conversations')}
          />
        </div>
      </div>
      <Typography.Paragraph type="secondary" className="analytics-note">
        {t('analytics.export.masked')}
      </Typography.Paragraph>
      {load.state === 'loading' && (
        <div className="page-loading" role="status">
          <Spin /> {t('analytics.loading')}
        </div>
      )}
      {load.state === 'error' && (
        <Alert type="error" showIcon className="page-alert" message={t(`error.${load.code}` as MessageKey)} />
      )}
      {load.state === 'ready' && charts && (
        <Spin spinning={load.refreshing}>
          <Row gutter={[12, 12]} className="analytics-kpis" data-testid="analytics-kpis">
            {[
              ['analytics.kpi.conversations', String(load.overview.totals.conversations), null],
              [
                'analytics.kpi.botResolution',
                formatPercent(load.overview.totals.botResolutionRate),
                t('analytics.kpi.botResolutionHint', { pending: load.overview.totals.botPending }),
              ],
              [
                'analytics.kpi.handedOver',
                formatPercent(load.overview.totals.handedOverRate),
                t('analytics.kpi.agentTransfers', { count: load.overview.totals.agentTransfers }),
              ],
              [
                'analytics.kpi.firstResponse',
                formatSeconds(t, load.overview.totals.firstResponseSeconds),
                null,
              ],
              ['analytics.kpi.wait', formatSeconds(t, load.overview.totals.waitSeconds), null],
              ['analytics.kpi.handle', formatSeconds(t, load.overview.totals.handleSeconds), null],
              [
                'analytics.kpi.csat',
                formatAverage(load.overview.totals.csatAverage),
                t('analytics.kpi.csatCount', { count: load.overview.totals.csatCount }),
              ],
              ['analytics.kpi.sla', formatPercent(load.overview.totals.slaMetRate), null],
              ['analytics.kpi.outOfScope', formatPercent(load.overview.totals.outOfScopeRate), null],
            ].map(([title, value, hint]) => (
              <Col key={title} xs={12} sm={8} lg={6} xl={4}>
                <Card size="small" className="analytics-kpi">
                  <Statistic title={t(title as MessageKey)} value={value as string} />
                  {hint && (
                    <Typography.Text type="secondary" className="analytics-hint">
                      {hint}
                    </Typography.Text>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          {load.overview.totals.conversations === 0 ? (
            <Empty description={t('analytics.empty')} />
          ) : (
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={16}>
                {card(
                  'analytics.chart.volume',
                  'series',
                  <AnalyticsChart
                    option={charts.volume}
                    label={t('analytics.chart.volumeLabel')}
                    testId="chart-volume"
                  />,
                )}
              </Col>
              <Col xs={24} xl={8}>
                {card(
                  'analytics.chart.reasons',
                  'reasons',
                  <AnalyticsChart option={charts.reasons} label={t('analytics.chart.reasonsLabel')} />,
                )}
              </Col>
              <Col xs={24} xl={12}>
                {card(
                  'analytics.chart.times',
                  'series',
                  <AnalyticsChart option={charts.times} label={t('analytics.chart.timesLabel')} />,
                )}
              </Col>
              <Col xs={24} md={12} xl={6}>
                {card(
                  'analytics.chart.csat',
                  null,
                  <AnalyticsChart option={charts.csat} label={t('analytics.chart.csatLabel')} />,
                )}
              </Col>
              <Col xs={24} md={12} xl={6}>
                {card(
                  'analytics.chart.sla',
                  null,
                  <AnalyticsChart option={charts.sla} label={t('analytics.chart.slaLabel')} />,
                )}
              </Col>
              <Col xs={24} xl={12}>
                {card(
                  'analytics.chart.intents',
                  'intents',
                  <AnalyticsChart option={charts.intents} label={t('analytics.chart.intentsLabel')} />,
                )}
              </Col>
              <Col xs={24} xl={12}>
                {card(
                  'analytics.chart.emotions',
                  'emotions',
                  <AnalyticsChart option={charts.emotions} label={t('analytics.chart.emotionsLabel')} />,
                )}
              </Col>
              <Col xs={24}>
                {card(
                  'analytics.chart.heatmap',
                  'heatmap',
                  <AnalyticsChart
                    option={charts.heatmap}
                    label={t('analytics.chart.heatmapLabel')}
                    height={300}
                  />,
                )}
              </Col>
              <Col xs={24} xl={12}>
                {card(
                  'analytics.people.agents',
                  'agents',
                  <PeopleTable rows={load.people.agents} testId="agents-table" />,
                )}
              </Col>
              <Col xs={24} xl={12}>
                {card(
                  'analytics.people.teams',
                  'teams',
                  <PeopleTable rows={load.people.teams} testId="teams-table" />,
                )}
              </Col>
            </Row>
          )}
        </Spin>
      )}
    </section>
  );
}
