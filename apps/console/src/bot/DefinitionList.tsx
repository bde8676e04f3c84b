import type { DefinitionKind } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';
import type { LoadState } from '../store/useInbox.ts';
import { formatClock } from '../time.ts';
import type { DefinitionItem } from './definitions.ts';
import { KindTabs } from './KindTabs.tsx';

interface Props {
  kind: DefinitionKind;
  items: DefinitionItem[];
  load: LoadState;
  selected: string | null;
  onKind: (kind: DefinitionKind) => void;
  onSelect: (key: string) => void;
  onNew: () => void;
  onRetry: () => void;
}

/** The running definitions of a kind (and those switched off), with a way to start a new one. */
export function DefinitionList({ kind, items, load, selected, onKind, onSelect, onNew, onRetry }: Props) {
  const { t, lang } = useI18n();
  const now = Date.now();
  // rules and settings are one document each: a new one only when there is none
  const canCreate = kind === 'flow' || (load.state === 'ready' && items.length === 0);
  return (
    <section className="admin-list" aria-label={t('bot.title')}>
      <div className="admin-list-head">
        <div className="admin-list-title">
          <h2>{t('bot.title')}</h2>
          {canCreate && (
            <button type="button" className="button button-primary button-sm" onClick={onNew}>
              + {kind === 'flow' ? t('bot.newFlow') : t('bot.newDoc')}
            </button>
          )}
        </div>
      </div>
      <KindTabs kind={kind} onKind={onKind} />
      <p className="admin-hint">{t(`bot.hint.${kind}`)}</p>
      <div className="admin-rows">
        {load.state === 'loading' && items.length === 0 ? (
          <p className="inbox-empty" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('bot.loading')}
          </p>
        ) : load.state === 'error' ? (
          <div className="inbox-empty" role="alert">
            {t('admin.loadError')}: {t(`error.${load.code}`)}
            <button type="button" className="button button-sm" onClick={onRetry}>
              {t('common.retry')}
            </button>
          </div>
        ) : items.length === 0 ? (
          <p className="inbox-empty">{t('bot.empty')}</p>
        ) : (
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  className={`admin-row${item.key === selected ? ' is-active' : ''}`}
                  aria-current={item.key === selected ? 'true' : undefined}
                  onClick={() => onSelect(item.key)}
                >
                  <span className="admin-row-title admin-key">{item.key}</span>
                  <span className="admin-row-meta">
                    {item.active ? (
                      <>
                        <span className="chip chip-active">{t('bot.active')}</span>
                        <span>{t('bot.version', { n: item.active.version })}</span>
                        <span>{item.active.format.toUpperCase()}</span>
                        <span>{formatClock(item.active.createdAt, now, lang)}</span>
                      </>
                    ) : (
                      <span className="chip chip-off">{t('bot.off')}</span>
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
