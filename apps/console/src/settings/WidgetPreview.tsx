import type { Lang, WidgetAppearance } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';

/** The widget's built-in greeting (apps/widget/src/i18n.ts `welcome`), shown when no greeting is set. */
const builtInGreeting: Record<Lang, string> = {
  zh: '您好！我是智能助手，有什么可以帮您？想找真人客服，随时点击下方的「转人工」。',
  en: "Hello! I'm the assistant. How can I help? To talk to a person, tap “Talk to a person” below at any time.",
};

/**
 * A drawing of the open widget with the unsaved settings: its colour, corner, greeting and language switch,
 * larger in elder mode. Text is rendered as text.
 */
export function WidgetPreview({ appearance, lang }: { appearance: WidgetAppearance; lang: Lang }) {
  const { t } = useI18n();
  const greeting = appearance.greeting[lang].trim() || builtInGreeting[lang];
  return (
    <div
      className={`widget-preview is-${appearance.position}${appearance.elder ? ' is-elder' : ''}`}
      style={{ '--preview-brand': appearance.color } as React.CSSProperties}
      role="img"
      aria-label={t('widget.previewLabel', { greeting })}
    >
      <div className="widget-preview-window">
        <div className="widget-preview-head">
          <span>{t('widget.previewTitle')}</span>
          {appearance.languages.length > 1 && <span className="widget-preview-lang">中 / EN</span>}
        </div>
        <div className="widget-preview-body">
          <div className="widget-preview-bubble">{greeting}</div>
        </div>
        <div className="widget-preview-input">{t('widget.previewInput')}</div>
      </div>
      <div className="widget-preview-launcher" aria-hidden="true">
        💬
      </div>
    </div>
  );
}
