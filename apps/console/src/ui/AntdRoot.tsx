import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import { theme } from './theme.ts';

/** Ant Design in the reader's language (its own texts: pagination, pickers, empty states) and our theme. */
export function AntdRoot({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp component={false}>{children}</AntdApp>
    </ConfigProvider>
  );
}
