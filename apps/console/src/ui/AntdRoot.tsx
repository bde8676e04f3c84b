import { LoadingOutlined } from '@ant-design/icons';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect, useState } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import { theme } from './theme.ts';

/**
 * A busy button shows this spinner in place, with no width animation. Ant Design's animated spinner can
 * stay in the page, invisible, when a save ends before its animation starts: the button is then named
 * "loading Save" to screen readers and to tests.
 */
const buttons = { autoInsertSpace: false, loadingIcon: <LoadingOutlined /> };

/** Our theme without Ant Design's motion (drawers, modals, menus and tabs appear in place). */
const stillTheme = { ...theme, token: { ...theme.token, motion: false } };

/**
 * Ant Design in the reader's language (its own texts: pagination, pickers, empty states) and our theme; with
 * no motion when the reader's system asks for reduced motion. Read once, when the console loads: Ant Design
 * wraps the whole tree in other providers once motion is off, so following a change live would rebuild every
 * page below (the socket, open conversations, unsent drafts). The console's own styles follow it live.
 */
export function AntdRoot({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const [reduceMotion] = useState(() => window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={reduceMotion ? stillTheme : theme}
      button={buttons}
    >
      <AntdApp component={false}>{children}</AntdApp>
    </ConfigProvider>
  );
}
