import type { BusinessHoursBody } from '@tandem/protocol';
import { weekdays } from '@tandem/protocol';
import { AutoComplete, Button, DatePicker, Space, Switch, Tag, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../I18nProvider.tsx';

type Weekday = (typeof weekdays)[number];

/** Zones offered first; any IANA name can be typed (the server checks it). */
const zones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

export const defaultHours = (): BusinessHoursBody => ({
  timezone: 'Asia/Shanghai',
  weekly: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [day, [{ from: '09:00', to: '18:00' }]]),
  ),
  holidays: [],
});

interface Props {
  /** null: always open */
  value?: BusinessHoursBody | null;
  onChange?: (value: BusinessHoursBody | null) => void;
  id?: string;
}

const format = 'HH:mm';

/**
 * Business hours as a form control: always open, or opening times per weekday (one interval a day) in a
 * time zone, plus holidays.
 */
export function HoursEditor({ value = null, onChange, id }: Props) {
  const { t } = useI18n();
  const set = (next: BusinessHoursBody | null) => onChange?.(next);
  if (value === null)
    return (
      <Space id={id}>
        <Tag color="green">{t('hours.always')}</Tag>
        <Button size="small" onClick={() => set(defaultHours())}>
          {t('hours.setHours')}
        </Button>
      </Space>
    );
  const setDay = (day: Weekday, interval: { from: string; to: string } | null) =>
    set({ ...value, weekly: { ...value.weekly, [day]: interval ? [interval] : [] } });
  return (
    <div className="hours-editor" id={id}>
      <Space wrap className="hours-zone">
        <span>{t('hours.timezone')}</span>
        <AutoComplete
          style={{ width: 220 }}
          value={value.timezone}
          options={zones.map((zone) => ({ value: zone }))}
          onChange={(timezone: string) => set({ ...value, timezone })}
          aria-label={t('hours.timezone')}
        />
        <Button size="small" onClick={() => set(null)}>
          {t('hours.makeAlways')}
        </Button>
      </Space>
      <ul className="hours-days">
        {weekdays.map((day) => {
          const interval = value.weekly[day]?.[0];
          return (
            <li key={day}>
              <Switch
                size="small"
                checked={Boolean(interval)}
                aria-label={t('hours.openOn', { day: t(`hours.day.${day}`) })}
                onChange={(open) => setDay(day, open ? { from: '09:00', to: '18:00' } : null)}
              />
              <span className="hours-day">{t(`hours.day.${day}`)}</span>
              {interval ? (
                <TimePicker.RangePicker
                  size="small"
                  format={format}
                  minuteStep={15}
                  allowClear={false}
                  value={[
                    dayjs(interval.from, format),
                    dayjs(interval.to === '24:00' ? '23:59' : interval.to, format),
                  ]}
                  aria-label={t('hours.openOn', { day: t(`hours.day.${day}`) })}
                  onChange={(range) => {
                    const [from, to] = range ?? [];
                    if (from && to) setDay(day, { from: from.format(format), to: to.format(format) });
                  }}
                />
              ) : (
                <span className="muted">{t('hours.closed')}</span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="hours-holidays">
        <span>{t('hours.holidays')}</span>
        <DatePicker
          multiple
          size="small"
          maxTagCount="responsive"
          aria-label={t('hours.holidays')}
          value={(value.holidays ?? []).map((day) => dayjs(day))}
          onChange={(days) =>
            set({
              ...value,
              holidays: (Array.isArray(days) ? days : days ? [days] : [])
                .map((day) => day.format('YYYY-MM-DD'))
                .sort(),
            })
          }
        />
      </div>
    </div>
  );
}
