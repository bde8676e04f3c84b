import { knowledgeCategoryLabel } from '@tandem/protocol';
import { useMemo, useState } from 'react';
import type { KnowledgeEntry } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { LoadState } from '../store/useInbox.ts';
import { categoriesOf, filterEntries, titleOf } from './form.ts';

interface Props {
  entries: KnowledgeEntry[];
  load: LoadState;
  selected: string | null;
  onSelect: (id: string) => void;
  onNew: (category: string) => void;
  onRetry: () => void;
}

/** Every FAQ entry, searchable over questions and answers and filtered by category. */
export function KnowledgeList({ entries, load, selected, onSelect, onNew, onRetry }: Props) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const categories = useMemo(() => categoriesOf(entries), [entries]);
  const shown = useMemo(() => filterEntries(entries, query, category), [entries, query, category]);
  const filtered = query.trim() !== '' || category !== '';

  return (
    <section className="admin-list" aria-label={t('knowledge.title')}>
      <div className="admin-list-head">
        <div className="admin-list-title">
          <h2>{t('knowledge.title')}</h2>
          <button type="button" className="button button-primary button-sm" onClick={() => onNew(category)}>
            + {t('knowledge.new')}
          </button>
        </div>
        <input
          type="search"
          className="input"
          placeholder={t('knowledge.search')}
          aria-label={t('knowledge.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <div className="admin-list-filters">
          <select
            className="input"
            aria-label={t('knowledge.category')}
            value={category}
            onChange={(event) => setCategory(event.target.value)}
          >
            <option value="">{t('knowledge.allCategories')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {knowledgeCategoryLabel(c, lang)}
              </option>
            ))}
          </select>
          <span className="admin-count" aria-live="polite">
            {filtered
              ? t('knowledge.countFiltered', { shown: shown.length, n: entries.length })
              : t('knowledge.count', { n: entries.length })}
          </span>
        </div>
      </div>
      <div className="admin-rows">
        {load.state === 'loading' && entries.length === 0 ? (
          <p className="inbox-empty" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('knowledge.loading')}
          </p>
        ) : load.state === 'error' ? (
          <div className="inbox-empty" role="alert">
            {t('admin.loadError')}: {t(`error.${load.code}`)}
            <button type="button" className="button button-sm" onClick={onRetry}>
              {t('common.retry')}
            </button>
          </div>
        ) : shown.length === 0 ? (
          <p className="inbox-empty">{t('knowledge.empty')}</p>
        ) : (
          <ul>
            {shown.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  className={`admin-row${entry.id === selected ? ' is-active' : ''}`}
                  aria-current={entry.id === selected ? 'true' : undefined}
                  onClick={() => onSelect(entry.id)}
                >
                  <span className="admin-row-title">{titleOf(entry, lang)}</span>
                  <span className="admin-row-meta">
                    <span className="chip">{knowledgeCategoryLabel(entry.category, lang)}</span>
                    {'enabled' in entry && entry.enabled === false && (
                      <span className="chip chip-muted">{t('knowledge.disabled')}</span>
                    )}
                    <span className="admin-row-id">{entry.id}</span>
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
