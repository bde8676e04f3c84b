import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { DataRetention, Me } from '@tandem/protocol';
import { Alert, App, Button, Card, InputNumber, Radio, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isAdmin } from '../admin/access.ts';
import { analyticsApi } from '../analytics/analyticsApi.ts';
import { errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

interface Props {
  me: Me;
  onSessionLost: () => void;
}

const PRESETS = [30, 90, 180, 365, 730] as const;
type Choice = 'forever' | (typeof PRESETS)[number] | 'custom';

const choiceOf = (days: number | null): Choice =>
  days === null ? 'forever' : (PRESETS as readonly number[]).includes(days) ? (days as Choice) : 'custom';

/** Data and privacy: the workspace's retention period (admins), and what is masked. */
export function DataSettings({ me, onSessionLost }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [setting, setSetting] = useState<DataRetention | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice>('forever');
  const [custom, setCustom] = useState<number | null>(60);
  const [saving, setSaving] = useState(false);
  const editable = isAdmin(me.role);

  useEffect(() => {
    analyticsApi
      .retention()
      .then((loaded) => {
        setSetting(loaded);
        setChoice(choiceOf(loaded.retentionDays));
        if (choiceOf(loaded.retentionDays) === 'custom') setCustom(loaded.retentionDays);
      })
      .catch((caught: unknown) => {
        const code = errorCodeOf(caught);
        if (code === 'unauthenticated') onSessionLost();
        setError(code);
      });
  }, [onSessionLost]);

  const save = async () => {
    const days = choice === 'forever' ? null : choice === 'custom' ? custom : choice;
    if (choice === 'custom' && (days === null || days < 7 || days > 3650)) return;
    setSaving(true);
    try {
      const saved = await analyticsApi.saveRetention(days);
      setSetting(saved);
      message.success(t('data.retention.saved'));
    } catch (caught) {
      const code = errorCodeOf(caught);
      if (code === 'unauthenticated') onSessionLost();
      message.error(t(`error.${code}` as MessageKey));
    } finally {
      setSaving(false);
    }
  };

  if (error) return <Alert type="error" showIcon message={t(`error.${error}` as MessageKey)} />;
  if (!setting) return <Spin />;
  const lastPurge = setting.lastPurgeAt
    ? t('data.retention.lastPurge', {
        at: new Date(setting.lastPurgeAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
        n: setting.lastPurged,
      })
    : t('data.retention.neverPurged');
  return (
    <Space direction="vertical" size="middle" className="data-settings" style={{ width: '100%' }}>
      <Card size="small" title={t('data.retention')}>
        <Typography.Paragraph type="secondary">{t('data.retention.help')}</Typography.Paragraph>
        {!editable && (
          <Alert type="info" showIcon message={t('data.readOnly')} style={{ marginBottom: 12 }} />
        )}
        <Radio.Group
          aria-label={t('data.retention')}
          value={choice}
          disabled={!editable}
          onChange={(event) => setChoice(event.target.value as Choice)}
        >
          <Space direction="vertical">
            <Radio value="forever">{t('data.retention.forever')}</Radio>
            {PRESETS.map((days) => (
              <Radio key={days} value={days}>
                {t('data.retention.days', { n: days })}
              </Radio>
            ))}
            <Radio value="custom">
              <Space>
                {t('data.retention.custom')}
                <InputNumber
                  aria-label={t('data.retention.custom')}
                  min={7}
                  max={3650}
                  precision={0}
                  value={custom}
                  disabled={!editable || choice !== 'custom'}
                  onChange={(value) => setCustom(value)}
                />
              </Space>
            </Radio>
          </Space>
        </Radio.Group>
        <div style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => void save()} loading={saving} disabled={!editable}>
            {t('data.retention.save')}
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }} data-testid="last-purge">
            {lastPurge}
          </Typography.Text>
        </div>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <SafetyCertificateOutlined />
            {t('data.masking')}
          </Space>
        }
      >
        <Typography.Paragraph>{t('data.masking.help')}</Typography.Paragraph>
      </Card>
    </Space>
  );
}
