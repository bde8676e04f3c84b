import { BulbOutlined } from '@ant-design/icons';
import type { AssistResponse } from '@tandem/protocol';
import { Button, Collapse, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { workspaceApi } from '../apiWorkspace.ts';
import { useI18n } from '../I18nProvider.tsx';
import { ReplyDrafts } from './ReplyDrafts.tsx';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; result: AssistResponse }
  | { state: 'error'; code: string };

interface Props {
  conversationId: string;
  /** the customer's last message: new suggestions each time it changes */
  lastCustomerSeq: number | null;
  onInsert: (text: string) => void;
}

/**
 * Agent assist: the knowledge base's best answers to the customer's last message, each inserted into the
 * reply with one click (and editable there before sending).
 */
export function AssistPanel({ conversationId, lastCustomerSeq, onInsert }: Props) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  // on a phone the transcript needs the room: suggestions start folded there
  const [open, setOpen] = useState(() => !window.matchMedia('(max-width: 720px)').matches);

  useEffect(() => {
    if (lastCustomerSeq === null) return;
    let cancelled = false;
    setLoad({ state: 'loading' });
    workspaceApi.assist(conversationId).then(
      (result) => !cancelled && setLoad({ state: 'ready', result }),
      (error: unknown) => !cancelled && setLoad({ state: 'error', code: errorCodeOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, lastCustomerSeq]);

  if (lastCustomerSeq === null) return null;
  const suggestions = load.state === 'ready' ? load.result.suggestions : [];
  const body =
    load.state === 'loading' ? (
      <p className="assist-state" role="status">
        <Spin size="small" /> {t('assist.loading')}
      </p>
    ) : load.state === 'error' ? (
      <p className="assist-state" role="alert">
        {t('assist.error')}
      </p>
    ) : suggestions.length === 0 ? (
      <p className="assist-state">{t('assist.none')}</p>
    ) : (
      <ul className="assist-list">
        {suggestions.map((suggestion) => (
          <li key={suggestion.entryId}>
            <div className="assist-head">
              <span className="assist-question">{suggestion.question}</span>
              <span className="assist-score" title={t('assist.scoreHint')}>
                {Math.round(suggestion.score * 100)}%
              </span>
            </div>
            <Typography.Paragraph
              className="assist-answer"
              ellipsis={{ rows: 2, expandable: true, symbol: t('assist.more') }}
            >
              {suggestion.answer}
            </Typography.Paragraph>
            <Button
              size="small"
              onClick={() => onInsert(suggestion.answer)}
              aria-label={t('assist.insertLabel', { question: suggestion.question })}
            >
              {t('assist.insert')}
            </Button>
          </li>
        ))}
      </ul>
    );
  return (
    <Collapse
      className="assist"
      size="small"
      ghost
      activeKey={open ? ['assist'] : []}
      onChange={(keys) => setOpen(keys.includes('assist'))}
      items={[
        {
          key: 'assist',
          label: (
            <span className="assist-title">
              <BulbOutlined /> {t('assist.title')}
              {suggestions.length > 0 && <span className="assist-count">{suggestions.length}</span>}
            </span>
          ),
          children: (
            <>
              {body}
              <ReplyDrafts
                conversationId={conversationId}
                lastCustomerSeq={lastCustomerSeq}
                onInsert={onInsert}
              />
            </>
          ),
        },
      ]}
    />
  );
}
