import type { IntentSummary } from '@tandem/protocol';
import { Button, Empty, Input, Spin, Tag } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import type { LoadState } from '../../store/useInbox.ts';
import { intentName, searchIntents } from './intents.ts';

interface Props {
  intents: IntentSummary[];
  load: LoadState;
  query: string;
  selected: readonly string[];
  onQuery: (query: string) => void;
  onSelect: (id: string) => void;
  onRetry: () => void;
}

/** Every intent the bot learns, searchable by name, id, category or example. */
export function IntentList({ intents, load, query, selected, onQuery, onSelect, onRetry }: Props) {
  const { t, lang } = useI18n();
  const shown = useMemo(() => searchIntents(intents, query), [intents, query]);
  return (
    <>
      <div className="model-search">
        <Input.Search
          allowClear
          value={query}
          aria-label={t('botModel.search')}
          placeholder={t('botModel.search')}
          onChange={(event) => onQuery(event.target.value)}
        />
        {load.state === 'ready' && (
          <span className="admin-count">
            {t('botModel.count', { n: shown.length, total: intents.length })}
          </span>
        )}
      </div>
      <div className="admin-rows">
        {load.state === 'loading' && intents.length === 0 ? (
          <div className="inbox-empty" role="status">
            <Spin size="small" /> {t('bot.loading')}
          </div>
        ) : load.state === 'error' ? (
          <div className="inbox-empty" role="alert">
            {t('admin.loadError')}: {t(`error.${load.code}`)}
            <Button size="small" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </div>
        ) : shown.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={intents.length === 0 ? t('botModel.noIntents') : t('botModel.noMatch')}
          />
        ) : (
          <ul aria-label={t('bot.kind.intents')}>
            {shown.map((intent) => {
              const active = selected.includes(intent.id);
              return (
                <li key={intent.id}>
                  <button
                    type="button"
                    className={`admin-row${active ? ' is-active' : ''}`}
                    aria-current={active ? 'true' : undefined}
                    onClick={() => onSelect(intent.id)}
                  >
                    <span className="admin-row-title">{intentName(intent, lang)}</span>
                    <span className="admin-row-meta">
                      <Tag className="row-tag" color={intent.source === 'flow' ? 'purple' : 'blue'}>
                        {t(`botModel.source.${intent.source}`)}
                      </Tag>
                      <span>
                        {t('botModel.exampleCounts', {
                          zh: intent.examples.zh.length,
                          en: intent.examples.en.length,
                        })}
                      </span>
                      {!intent.enabled && <Tag className="row-tag">{t('botModel.off')}</Tag>}
                      <code className="admin-row-id">{intent.key}</code>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </>
  );
}
