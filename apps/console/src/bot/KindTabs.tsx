import type { DefinitionKind } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';
import { kinds } from './definitions.ts';

/** Rules · Flows · Settings. */
export function KindTabs({ kind, onKind }: { kind: DefinitionKind; onKind: (kind: DefinitionKind) => void }) {
  const { t } = useI18n();
  return (
    <div className="tabs" role="tablist" aria-label={t('bot.kinds')}>
      {kinds.map((option) => (
        <button
          key={option}
          type="button"
          role="tab"
          aria-selected={option === kind}
          className={`tab${option === kind ? ' is-active' : ''}`}
          onClick={() => onKind(option)}
        >
          {t(`bot.kind.${option}`)}
        </button>
      ))}
    </div>
  );
}
