import type { DemandOverview, DemandTopic, Me } from '@tandem/protocol';
import { Alert, App, Button, Empty, List, Segmented, Spin, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { formatClock } from '../time.ts';
import { demandApi } from './demandApi.ts';
import { openKnowledgeDraft } from './knowledgeDraft.ts';
import { TopicCard } from './TopicCard.tsx';
import './demand.css';

interface Props {
  me: Me;
  onSessionLost: () => void;
}

type Filter = 'open' | 'hot' | 'covered' | 'all';
type Load =
  | { state: 'loading' }
  | { state: 'ready'; overview: DemandOverview }
  | { state: 'error'; code: string };

/** How often the tab looks again while a run is in progress. */
const POLL_MS = 2_000;

const matches = (topic: DemandTopic, filter: Filter) =>
  filter === 'all' ||
  (filter === 'open' && !topic.coveredBy) ||
  (filter === 'covered' && topic.coveredBy !== null) ||
  (filter === 'hot' && (topic.isNew || topic.isSpike));

/** Demand mining: topics of the questions the bot did not answer well, and one click from a topic to an FAQ entry. */
export function DemandTab({ onSessionLost }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [filter, setFilter] = useState<Filter>('open');
  const [entries, setEntries] = useState<Array<{ id: string; title: string }>>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;

  const fail = useCallback((error: unknown) => {
    const code = errorCodeOf(error);
    if (code === 'unauthenticated') lost.current();
    return code;
  }, []);

  const refresh = useCallback(() => {
    demandApi.overview().then(
      (overview) => setLoad({ state: 'ready', overview }),
      (error: unknown) => setLoad({ state: 'error', code: fail(error) }),
    );
  }, [fail]);

  useEffect(refresh, [refresh]);
  useEffect(() => {
    api.knowledge().then(
      (list) =>
        setEntries(
          list.map((e) => ({
            id: e.id,
            title: e.questions[lang][0] ?? e.questions.zh[0] ?? e.questions.en[0] ?? e.id,
          })),
        ),
      (error: unknown) => fail(error),
    );
  }, [lang, fail]);

  const running = load.state === 'ready' && load.overview.run?.status === 'running';
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new answer (`load`) arms the next look
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(refresh, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, refresh, load]);

  const mineAgain = async () => {
    try {
      const { started } = await demandApi.mineAgain();
      void message.info(t(started ? 'demand.started' : 'demand.alreadyRunning'));
      refresh();
    } catch (error) {
      void message.error(t(`error.${fail(error)}` as MessageKey));
    }
  };

  const openDraft = async (topic: DemandTopic, entryId?: string) => {
    setBusy(topic.id);
    try {
      openKnowledgeDraft(await demandApi.draft(topic.id, entryId));
    } catch (error) {
      void message.error(t(`error.${fail(error)}` as MessageKey));
      setBusy(null);
    }
  };

  const topics = useMemo(
    () => (load.state === 'ready' ? load.overview.topics.filter((topic) => matches(topic, filter)) : []),
    [load, filter],
  );

  if (load.state === 'loading') return <Spin className="demand-loading" />;
  if (load.state === 'error')
    return (
      <Alert
        type="error"
        showIcon
        title={t(`error.${load.code}` as MessageKey)}
        action={<Button onClick={refresh}>{t('demand.mineAgain')}</Button>}
      />
    );
  const { run, resultsOf } = load.overview;
  const now = Date.now();
  return (
    <div className="demand-tab">
      <Typography.Paragraph type="secondary" className="demand-intro">
        {t('demand.intro')}
      </Typography.Paragraph>
      <div className="demand-toolbar">
        <div className="demand-status" role="status">
          {running ? (
            <Typography.Text>
              <Spin size="small" /> {t('demand.running')}
            </Typography.Text>
          ) : resultsOf?.finishedAt ? (
            <Typography.Text type="secondary">
              {t('demand.lastRun', {
                time: formatClock(resultsOf.finishedAt, now, lang),
                days: resultsOf.windowDays,
                questions: resultsOf.questions,
                topics: resultsOf.topics,
              })}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('demand.never')}</Typography.Text>
          )}
        </div>
        <Button onClick={() => void mineAgain()} disabled={running}>
          {t('demand.mineAgain')}
        </Button>
      </div>
      {run?.status === 'failed' && (
        <Alert type="warning" showIcon title={t('demand.failed', { error: run.error ?? '' })} />
      )}
      {load.overview.topics.length === 0 ? (
        !running && <Empty description={t('demand.empty')} />
      ) : (
        <>
          <Segmented<Filter>
            className="demand-filter"
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'open', label: t('demand.filter.open') },
              { value: 'hot', label: t('demand.filter.hot') },
              { value: 'covered', label: t('demand.filter.covered') },
              { value: 'all', label: t('demand.filter.all') },
            ]}
          />
          <List
            className="demand-topics"
            dataSource={topics}
            locale={{ emptyText: t('demand.noneInFilter') }}
            pagination={topics.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            renderItem={(topic) => (
              <List.Item key={topic.id}>
                <TopicCard
                  topic={topic}
                  entries={entries}
                  busy={busy === topic.id}
                  onCreate={(chosen) => void openDraft(chosen)}
                  onAdd={(chosen, entryId) => void openDraft(chosen, entryId)}
                />
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
