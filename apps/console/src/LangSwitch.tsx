import { Button, Space } from 'antd';
import { useI18n } from './I18nProvider.tsx';
import { langs } from './i18n.ts';

/** 中文 | English, each name in its own language: two toggle buttons (the pressed one is current). */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Space.Compact className="lang-switch" role="group" aria-label={t('lang.switch')}>
      {langs.map((option) => (
        <Button
          key={option}
          size="small"
          type={option === lang ? 'primary' : 'default'}
          ghost={option === lang}
          aria-pressed={option === lang}
          lang={option === 'zh' ? 'zh-CN' : 'en'}
          onClick={() => setLang(option)}
        >
          {t(`lang.${option}`)}
        </Button>
      ))}
    </Space.Compact>
  );
}
