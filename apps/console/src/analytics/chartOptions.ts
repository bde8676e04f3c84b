import type { AnalyticsOverview } from '@tandem/protocol';
import type { MessageKey, Translate } from '../i18n.ts';
import type { AnalyticsChartOption } from './AnalyticsChart.tsx';

const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
const legend = { top: 0, type: 'scroll' as const, textStyle: { fontSize: 12 } };
const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const round = (value: number | null) => (value === null ? null : Math.round(value));

/** A bucket's label: the time for hours, the date otherwise. */
export function bucketLabel(bucket: string, granularity: AnalyticsOverview['granularity']): string {
  return granularity === 'hour' ? bucket.replace('T', ' ') : bucket.slice(0, 10);
}

/** A dimension's value as people read it ('' is "none", OTHER the folded rest). */
export function keyLabel(t: Translate, kind: 'intent' | 'emotion' | 'reason', key: string): string {
  if (key === '') return t('analytics.none');
  if (key === '__other__') return t('analytics.other');
  if (kind === 'emotion') return t(`emotion.basic.${key}` as MessageKey);
  if (kind === 'reason') return t(`reason.${key}` as MessageKey);
  return key;
}

export function volumeOption(o: AnalyticsOverview, t: Translate): AnalyticsChartOption {
  const x = o.series.map((s) => bucketLabel(s.bucket, o.granularity));
  return {
    tooltip: { trigger: 'axis' },
    legend,
    grid,
    xAxis: { type: 'category', data: x },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: t('analytics.series.conversations'),
        type: 'bar',
        data: o.series.map((s) => s.conversations),
        color: '#2563eb',
      },
      {
        name: t('analytics.series.handedOver'),
        type: 'bar',
        data: o.series.map((s) => s.handedOver),
        color: '#f59e0b',
      },
      {
        name: t('analytics.series.botResolved'),
        type: 'bar',
        data: o.series.map((s) => s.botResolved),
        color: '#16a34a',
      },
      {
        name: t('analytics.series.botResolutionRate'),
        type: 'line',
        yAxisIndex: 1,
        // a period with resolutions still in their 24 hours has no rate yet (it would only count the failures)
        data: o.series.map((s) => (s.botPending > 0 ? null : percent(s.botResolutionRate))),
        color: '#15803d',
        connectNulls: true,
      },
    ],
  };
}

export function reasonsOption(o: AnalyticsOverview, t: Translate): AnalyticsChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend,
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        top: 24,
        data: o.reasons.map((r) => ({ name: keyLabel(t, 'reason', r.key), value: r.conversations })),
      },
    ],
  };
}

export function timesOption(o: AnalyticsOverview, t: Translate): AnalyticsChartOption {
  const x = o.series.map((s) => bucketLabel(s.bucket, o.granularity));
  const line = (name: MessageKey, values: Array<number | null>, color: string) => ({
    name: t(name),
    type: 'line',
    data: values.map(round),
    color,
    connectNulls: true,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend,
    grid,
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value' },
    series: [
      line(
        'analytics.series.firstResponse',
        o.series.map((s) => s.firstResponseSeconds),
        '#2563eb',
      ),
      line(
        'analytics.series.wait',
        o.series.map((s) => s.waitSeconds),
        '#f59e0b',
      ),
      line(
        'analytics.series.handle',
        o.series.map((s) => s.handleSeconds),
        '#7c3aed',
      ),
    ],
  };
}

export function csatOption(o: AnalyticsOverview, t: Translate): AnalyticsChartOption {
  const colors = ['#dc2626', '#f97316', '#eab308', '#84cc16', '#16a34a'];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, top: 16 },
    xAxis: { type: 'category', data: [1, 2, 3, 4, 5].map((n) => t('analytics.stars', { n })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: o.totals.csat.map((value, i) => ({ value, itemStyle: { color: colors[i] } })),
      },
    ],
  };
}

export function slaOption(o: AnalyticsOverview, t: Translate): AnalyticsChartOption {
  const x = o.series.map((s) => bucketLabel(s.bucket, o.granularity));
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (v === null || v === undefined ? '–' : `${v}%`),
    },
    legend,
    grid,
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('analytics.series.sla'),
        type: 'line',
        data: o.series.map((s) => percent(s.slaMetRate)),
        color: '#16a34a',
        connectNulls: true,
      },
      {
        name: t('analytics.series.outOfScope'),
        type: 'line',
        data: o.series.map((s) => percent(s.outOfScopeRate)),
        color: '#dc2626',
        connectNulls: true,
      },
    ],
  };
}

/** Stacked bars of a trend (intents or emotions) per bucket. */
export function trendOption(
  o: AnalyticsOverview,
  rows: AnalyticsOverview['intentTrend'],
  kind: 'intent' | 'emotion',
  t: Translate,
): AnalyticsChartOption {
  const buckets = o.series.map((s) => s.bucket);
  const keys = [...new Set(rows.map((r) => r.key))];
  const cell = new Map(rows.map((r) => [`${r.bucket}|${r.key}`, r.conversations]));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid,
    xAxis: { type: 'category', data: buckets.map((b) => bucketLabel(b, o.granularity)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((key) => ({
      name: keyLabel(t, kind, key),
      type: 'bar',
      stack: 'total',
      data: buckets.map((b) => cell.get(`${b}|${key}`) ?? 0),
    })),
  };
}

/** Weekday × hour of day. */
export function heatmapOption(o: AnalyticsOverview, t: Translate): AnalyticsChartOption {
  const max = Math.max(1, ...o.heatmap.map((c) => c.conversations));
  // Monday first, as a working week reads
  const order = [1, 2, 3, 4, 5, 6, 0];
  return {
    tooltip: { position: 'top' },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h)),
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: order.map((d) => t(`analytics.weekday.${d}` as MessageKey)),
      inverse: true,
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
    },
    series: [
      {
        type: 'heatmap',
        data: o.heatmap.map((c) => [c.hour, order.indexOf(c.weekday), c.conversations]),
      },
    ],
  };
}
