import { useI18n } from './I18nProvider.tsx';
import { langs } from './i18n.ts';

/** 中文 | English, each name in its own language. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <fieldset className="segmented" aria-label={t('lang.switch')}>
      {langs.map((option) => (
        <button
          key={option}
          type="button"
          className={option === lang ? 'is-active' : undefined}
          aria-pressed={option === lang}
          lang={option === 'zh' ? 'zh-CN' : 'en'}
          onClick={() => setLang(option)}
        >
          {t(`lang.${option}`)}
        </button>
      ))}
    </fieldset>
  );
}
