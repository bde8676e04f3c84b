import { BellOutlined } from '@ant-design/icons';
import { Button, Popover, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { askDesktopPermission, desktopPermission, playChime } from '../alerts/alerts.ts';
import { useAlertSettings } from '../alerts/useAlerts.ts';
import { useI18n } from '../I18nProvider.tsx';

/** Sound and desktop alerts for new and offered conversations, switched here. */
export function AlertSwitch() {
  const { t } = useI18n();
  const [settings, setSettings] = useAlertSettings();
  const [permission, setPermission] = useState(desktopPermission);
  const content = (
    <Space direction="vertical" size="middle" className="alert-settings">
      <div className="alert-setting">
        <Switch
          size="small"
          aria-label={t('alerts.sound')}
          checked={settings.sound}
          onChange={(sound) => {
            setSettings({ ...settings, sound });
            if (sound) playChime();
          }}
        />
        <span aria-hidden="true">{t('alerts.sound')}</span>
      </div>
      <div className="alert-setting">
        <Switch
          size="small"
          aria-label={t('alerts.desktop')}
          checked={settings.desktop && permission === 'granted'}
          disabled={permission === 'unsupported' || permission === 'denied'}
          onChange={async (desktop) => {
            const next = desktop ? await askDesktopPermission() : permission;
            setPermission(next);
            setSettings({ ...settings, desktop: desktop && next === 'granted' });
          }}
        />
        <span aria-hidden="true">{t('alerts.desktop')}</span>
      </div>
      {(permission === 'denied' || permission === 'unsupported') && (
        <Typography.Text type="secondary" className="alert-hint">
          {t(permission === 'denied' ? 'alerts.denied' : 'alerts.unsupported')}
        </Typography.Text>
      )}
    </Space>
  );
  return (
    <Popover content={content} title={t('alerts.title')} trigger="click" placement="bottomRight">
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t('alerts.title')}
        className={settings.sound || settings.desktop ? 'alerts-on' : 'alerts-off'}
      />
    </Popover>
  );
}
