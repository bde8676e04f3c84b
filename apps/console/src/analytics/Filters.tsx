import type { AnalyticsOptions } from '@tandem/protocol';
import { Alert, DatePicker, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../I18nProvider.tsx';
import type { AnalyticsParams } from './analyticsApi.ts';

const MAX_HOURLY_DAYS = 31;
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';

/** The last 30 days by day, in the browser's time zone. */
export function defaultParams(): AnalyticsParams {
  return {
    from: dayjs().subtract(29, 'day').format('YYYY-MM-DD'),
    to: dayjs().format('YYYY-MM-DD'),
    granularity: 'day',
    tz: zone(),
  };
}

interface Props {
  params: AnalyticsParams;
  options: AnalyticsOptions;
  onChange: (params: AnalyticsParams) => void;
}

/** Date range, bucket size, team, channel, intent, language. */
export function AnalyticsFilters({ params, options, onChange }: Props) {
  const { t } = useI18n();
  const all = { value: '', label: t('analytics.filter.all') };
  const none = { value: 'none', label: t('analytics.none') };
  const days = dayjs(params.to).diff(dayjs(params.from), 'day') + 1;
  const set = (patch: Partial<AnalyticsParams>) => onChange({ ...params, ...patch });
  return (
    <div className="analytics-filters">
      <DatePicker.RangePicker
        aria-label={t('analytics.filter.range')}
        allowClear={false}
        value={[dayjs(params.from), dayjs(params.to)]}
        disabledDate={(d: Dayjs) => d.isAfter(dayjs().add(1, 'day'))}
        onChange={(range) => {
          const [from, to] = range ?? [];
          if (!from || !to) return;
          const span = to.diff(from, 'day') + 1;
          set({
            from: from.format('YYYY-MM-DD'),
            to: to.format('YYYY-MM-DD'),
            // hourly buckets cover at most a month: a longer range falls back to days
            ...(params.granularity === 'hour' && span > MAX_HOURLY_DAYS
              ? { granularity: 'day' as const }
              : {}),
          });
        }}
      />
      <Segmented
        aria-label={t('analytics.filter.granularity')}
        value={params.granularity}
        onChange={(value) => set({ granularity: value as AnalyticsParams['granularity'] })}
        options={(['hour', 'day', 'week'] as const).map((g) => ({
          value: g,
          label: t(`analytics.granularity.${g}`),
          disabled: g === 'hour' && days > MAX_HOURLY_DAYS,
        }))}
      />
      <Select
        aria-label={t('analytics.filter.team')}
        className="analytics-select"
        value={params.team ?? ''}
        onChange={(value: string) => set({ team: value || undefined })}
        options={[all, none, ...options.teams.map((team) => ({ value: team.id, label: team.name }))]}
        prefix={t('analytics.filter.team')}
      />
      <Select
        aria-label={t('analytics.filter.channel')}
        className="analytics-select"
        value={params.channel ?? ''}
        onChange={(value: string) => set({ channel: value || undefined })}
        options={[all, ...options.channels.map((c) => ({ value: c, label: t('analytics.channel.widget') }))]}
        prefix={t('analytics.filter.channel')}
      />
      <Select
        aria-label={t('analytics.filter.intent')}
        className="analytics-select analytics-intent"
        showSearch
        value={params.intent ?? ''}
        onChange={(value: string) => set({ intent: value || undefined })}
        options={[all, none, ...options.intents.map((intent) => ({ value: intent, label: intent }))]}
        prefix={t('analytics.filter.intent')}
      />
      <Select
        aria-label={t('analytics.filter.lang')}
        className="analytics-select"
        value={params.lang ?? ''}
        onChange={(value: string) => set({ lang: value || undefined })}
        options={[
          all,
          { value: 'zh', label: t('analytics.lang.zh') },
          { value: 'en', label: t('analytics.lang.en') },
        ]}
        prefix={t('analytics.filter.lang')}
      />
      {params.granularity === 'hour' && days > MAX_HOURLY_DAYS && (
        <Alert type="warning" showIcon message={t('analytics.hourRangeTooLong')} />
      )}
    </div>
  );
}
