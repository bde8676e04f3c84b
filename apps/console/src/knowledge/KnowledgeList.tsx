import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { knowledgeCategoryLabel } from '@tandem/protocol';
import { Button, Input, List, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { KnowledgeEntry } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import { ListEmpty, ListError, ListLoading } from '../layout/ListStates.tsx';
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
          <Typography.Title level={2} className="pane-title">
            {t('knowledge.title')}
          </Typography.Title>
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => onNew(category)}>
            {t('knowledge.new')}
          </Button>
        </div>
        <Input
          type="search"
          allowClear
          prefix={<SearchOutlined aria-hidden="true" />}
          placeholder={t('knowledge.search')}
          aria-label={t('knowledge.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <div className="admin-list-filters">
          <Select
            className="category-filter"
            aria-label={t('knowledge.category')}
            value={category}
            onChange={setCategory}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('knowledge.allCategories') },
              ...categories.map((c) => ({ value: c, label: knowledgeCategoryLabel(c, lang) })),
            ]}
          />
          <Typography.Text type="secondary" className="admin-count" aria-live="polite">
            {filtered
              ? t('knowledge.countFiltered', { shown: shown.length, n: entries.length })
              : t('knowledge.count', { n: entries.length })}
          </Typography.Text>
        </div>
      </div>
      <div className="admin-rows">
        {load.state === 'loading' && entries.length === 0 ? (
          <ListLoading label={t('knowledge.loading')} rows={6} />
        ) : load.state === 'error' ? (
          <ListError code={load.code} onRetry={onRetry} />
        ) : shown.length === 0 ? (
          <ListEmpty text={t('knowledge.empty')} />
        ) : (
          <List<KnowledgeEntry>
            className="pick-list"
            dataSource={shown}
            rowKey="id"
            renderItem={(entry) => (
              <List.Item className="pick-item">
                <button
                  type="button"
                  className={`admin-row${entry.id === selected ? ' is-active' : ''}`}
                  aria-current={entry.id === selected ? 'true' : undefined}
                  onClick={() => onSelect(entry.id)}
                >
                  <span className="admin-row-title">{titleOf(entry, lang)}</span>
                  <span className="admin-row-meta">
                    <Tag bordered={false} className="row-tag knowledge-category">
                      {knowledgeCategoryLabel(entry.category, lang)}
                    </Tag>
                    {'enabled' in entry && entry.enabled === false && (
                      <Tag className="row-tag">{t('knowledge.disabled')}</Tag>
                    )}
                    <span className="admin-row-id">{entry.id}</span>
                  </span>
                </button>
              </List.Item>
            )}
          />
        )}
      </div>
    </section>
  );
}
