import { useI18n } from '../I18nProvider.tsx';

/** What an agent sees on an admin page's address: a plain refusal and the way back. */
export function NotAllowed({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <main className="home">
      <div className="home-card not-allowed" role="alert">
        <h2>{t('admin.notAllowed.title')}</h2>
        <p className="muted">{t('admin.notAllowed.body')}</p>
        <button type="button" className="button button-primary" onClick={onBack}>
          {t('admin.backToInbox')}
        </button>
      </div>
    </main>
  );
}
