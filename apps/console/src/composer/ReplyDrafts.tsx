import { replySuggestionsSchema } from '@tandem/protocol';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { request } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';

type Drafts = z.infer<typeof replySuggestionsSchema>['drafts'];

/**
 * Reply drafts grounded in the knowledge base and documents, asked for on demand (a model call costs
 * tokens): written by the workspace's language model when it is on, else the relevant document passages.
 */
export function ReplyDrafts({
  conversationId,
  lastCustomerSeq,
  onInsert,
}: {
  conversationId: string;
  lastCustomerSeq: number | null;
  onInsert: (text: string) => void;
}) {
  const { t } = useI18n();
  // drafts are for one customer message: a new one makes them stale
  const key = `${conversationId}:${lastCustomerSeq}`;
  const [result, setResult] = useState<{ key: string; drafts: Drafts } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const drafts = result?.key === key ? result.drafts : null;

  const ask = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const path = `/api/conversations/${conversationId}/reply-drafts`;
      const answer = await request('GET', path, replySuggestionsSchema);
      setResult({ key, drafts: answer.drafts });
    } catch {
      setFailed(key);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="reply-drafts">
      <Button size="small" loading={busy} onClick={() => void ask()}>
        {t('draft.ask')}
      </Button>
      {failed && (
        <p className="assist-state" role="alert">
          {t('assist.error')}
        </p>
      )}
      {drafts?.length === 0 && <p className="assist-state">{t('draft.none')}</p>}
      {drafts && drafts.length > 0 && (
        <ul className="assist-list">
          {drafts.map((draft) => (
            <li key={draft.text}>
              <Typography.Paragraph
                className="assist-answer"
                ellipsis={{ rows: 3, expandable: true, symbol: t('assist.more') }}
              >
                {draft.text}
              </Typography.Paragraph>
              {draft.sources.length > 0 && (
                <Typography.Text type="secondary" className="draft-sources">
                  {t('draft.sources', { titles: draft.sources.map((s) => s.title).join(' · ') })}
                </Typography.Text>
              )}
              <Button size="small" onClick={() => onInsert(draft.text)}>
                {t('assist.insert')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
