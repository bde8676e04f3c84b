import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import { z } from 'zod';
import { request } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';

const summarySchema = z.object({ text: z.string(), via: z.enum(['model', 'extractive']) });
type Summary = z.infer<typeof summarySchema>;

/**
 * The hand-over summary written by the workspace's language model, on demand (a call costs tokens): the
 * server falls back to the extractive summary when the model is off or fails, and says which it is.
 */
export function ModelSummary({ conversationId }: { conversationId: string }) {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<{ id: string; summary: Summary } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const summary = result?.id === conversationId ? result.summary : null;

  const ask = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const path = `/api/conversations/${encodeURIComponent(conversationId)}/summary?lang=${lang}`;
      setResult({ id: conversationId, summary: await request('GET', path, summarySchema) });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="model-summary">
      <Button size="small" loading={busy} onClick={() => void ask()}>
        {busy ? t('summary.asking') : t('summary.ask')}
      </Button>
      {failed && <Alert type="warning" showIcon title={t('summary.error')} />}
      {summary && (
        <div className="model-summary-text">
          <Typography.Text type="secondary">
            {summary.via === 'model' ? t('summary.byModel') : t('summary.extractive')}
          </Typography.Text>
          <Typography.Paragraph>{summary.text}</Typography.Paragraph>
        </div>
      )}
    </div>
  );
}
