import { Segmented } from 'antd';
import { useI18n } from './I18nProvider.tsx';
import { langs } from './i18n.ts';

/** 中文 | English, each name in its own language. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented
      aria-label={t('lang.switch')}
      size="small"
      value={lang}
      onChange={(value) => setLang(value)}
      options={langs.map((option) => ({
        value: option,
        label: <span lang={option === 'zh' ? 'zh-CN' : 'en'}>{t(`lang.${option}`)}</span>,
      }))}
    />
  );
}
