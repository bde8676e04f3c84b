import type { AnswerQuality, Me } from '@tandem/protocol';
import { Alert, Button, Progress, Segmented, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { formatClock } from '../time.ts';
import { demandApi } from './demandApi.ts';
import { openKnowledgeDraft } from './knowledgeDraft.ts';
import './demand.css';

interface Props {
  me: Me;
  onSessionLost: () => void;
}

type Kind = AnswerQuality['kind'] | 'all';
type Load =
  | { state: 'loading' }
  | { state: 'ready'; items: AnswerQuality[]; finishedAt: string | null }
  | { state: 'error'; code: string };

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/** The quality loop: answers that do not work, worst first (from the newest demand-mining run). */
export function QualityTab({ onSessionLost }: Props) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<Kind>('all');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;

  useEffect(() => {
    let current = true;
    demandApi.quality(kind === 'all' ? undefined : kind).then(
      (result) => current && setLoad({ state: 'ready', ...result }),
      (error: unknown) => {
        const code = errorCodeOf(error);
        if (code === 'unauthenticated') lost.current();
        if (current) setLoad({ state: 'error', code });
      },
    );
    return () => {
      current = false;
    };
  }, [kind]);

  /** Opens the Knowledge editor on an entry whose answers do not work. */
  const edit = async (id: string) => {
    try {
      const entry = (await api.knowledge()).find((e) => e.id === id);
      if (entry) openKnowledgeDraft({ topicId: null, mode: 'merge', entry });
      else setLoad({ state: 'error', code: 'not_found' });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') lost.current();
      setLoad({ state: 'error', code });
    }
  };

  const share = (field: 'handoffs' | 'repeats' | 'negatives') => (row: AnswerQuality) =>
    `${row[field]} (${percent(row[field], row.matched)}%)`;

  return (
    <div className="quality-tab">
      <Typography.Paragraph type="secondary">{t('quality.intro')}</Typography.Paragraph>
      <Segmented<Kind>
        className="demand-filter"
        value={kind}
        onChange={setKind}
        options={(['all', 'entry', 'flow', 'intent'] as const).map((value) => ({
          value,
          label: t(`quality.kind.${value}` as MessageKey),
        }))}
      />
      {load.state === 'error' ? (
        <Alert type="error" showIcon title={t(`error.${load.code}` as MessageKey)} />
      ) : (
        <>
          {load.state === 'ready' && load.finishedAt && (
            <Typography.Text type="secondary" className="quality-as-of">
              {t('quality.asOf', { time: formatClock(load.finishedAt, Date.now(), lang) })}
            </Typography.Text>
          )}
          <Table<AnswerQuality>
            className="quality-table"
            size="small"
            rowKey={(row) => `${row.kind}:${row.key}`}
            loading={load.state === 'loading'}
            dataSource={load.state === 'ready' ? load.items : []}
            locale={{ emptyText: t('quality.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 940 }}
            columns={[
              {
                key: 'answer',
                title: t('quality.col.answer'),
                fixed: 'left',
                width: 170,
                render: (_, row) => (
                  <span>
                    <Typography.Text strong>{row.title[lang]}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary" className="quality-key">
                      {row.key}
                    </Typography.Text>
                    {row.kind === 'entry' && (
                      <Button
                        type="link"
                        size="small"
                        className="quality-edit"
                        onClick={() => void edit(row.key)}
                      >
                        {t('quality.edit')}
                      </Button>
                    )}
                  </span>
                ),
              },
              {
                key: 'kind',
                title: t('quality.col.kind'),
                width: 120,
                render: (_, row) => t(`quality.one.${row.kind}` as MessageKey),
              },
              {
                key: 'matched',
                title: t('quality.col.matched'),
                dataIndex: 'matched',
                align: 'right',
                width: 100,
              },
              {
                key: 'handoffs',
                title: t('quality.col.handoffs'),
                render: (_, row) => share('handoffs')(row),
                align: 'right',
                width: 130,
              },
              {
                key: 'repeats',
                title: t('quality.col.repeats'),
                render: (_, row) => share('repeats')(row),
                align: 'right',
                width: 130,
              },
              {
                key: 'negatives',
                title: t('quality.col.negatives'),
                render: (_, row) => share('negatives')(row),
                align: 'right',
                width: 130,
              },
              {
                key: 'failureRate',
                title: t('quality.col.failureRate'),
                width: 160,
                render: (_, row) => (
                  <Progress
                    percent={Math.round(row.failureRate * 100)}
                    size="small"
                    status={row.failureRate >= 0.5 ? 'exception' : 'normal'}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
