import { useI18n } from '../I18nProvider.tsx';

interface Props {
  /** info: done; progress: under way (e.g. the bot is learning a change); error: went wrong */
  tone: 'info' | 'progress' | 'error';
  text: string;
  onDismiss: () => void;
}

/** A status line above an admin page: what just happened, or what went wrong. */
export function Notice({ tone, text, onDismiss }: Props) {
  const { t } = useI18n();
  return (
    <div className={`admin-notice is-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <button
        type="button"
        className="notice-close"
        aria-label={t('conversation.dismiss')}
        onClick={onDismiss}
      >
        ×
      </button>
    </div>
  );
}
