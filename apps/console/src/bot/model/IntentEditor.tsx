import type { IntentSaved, IntentSummary } from '@tandem/protocol';
import { Alert, Button, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, errorCodeOf } from '../../api.ts';
import { botModelApi } from '../../apiBotModel.ts';
import { useI18n } from '../../I18nProvider.tsx';
import type { MessageKey } from '../../i18n.ts';
import { ExampleList } from './ExampleList.tsx';
import {
  type Examples,
  exampleLangs,
  exampleProblems,
  examplesElsewhere,
  intentName,
  phrasingKey,
  problemsByExample,
  sameExamples,
  trimmedExamples,
} from './intents.ts';

interface Props {
  intent: IntentSummary;
  intents: IntentSummary[];
  highlight: readonly string[];
  onSaved: (saved: IntentSaved) => void;
  onDirty: (id: string, dirty: boolean) => void;
  onSessionLost: () => void;
  onClose?: () => void;
}

const noAdding = { zh: '', en: '' };

/** One intent's examples in both languages: add, change, remove; saved as a new version of its source. */
export function IntentEditor({
  intent,
  intents,
  highlight,
  onSaved,
  onDirty,
  onSessionLost,
  onClose,
}: Props) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Examples>(intent.examples);
  const [adding, setAdding] = useState(noAdding);
  const [busy, setBusy] = useState(false);
  /** the server's problems, by example (`zh.3`) or `''` for the whole list */
  const [rejected, setRejected] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<MessageKey | null>(null);
  const [unchanged, setUnchanged] = useState(false);

  // what would be saved: the examples as edited, plus what is still in the add fields
  const pending: Examples = {
    zh: adding.zh.trim() ? [...draft.zh, adding.zh] : draft.zh,
    en: adding.en.trim() ? [...draft.en, adding.en] : draft.en,
  };
  const dirty = !sameExamples(trimmedExamples(pending), intent.examples);
  useEffect(() => onDirty(intent.id, dirty), [dirty, intent.id, onDirty]);
  useEffect(() => () => onDirty(intent.id, false), [intent.id, onDirty]);

  const elsewhere = useMemo(() => examplesElsewhere(intents, intent.id), [intents, intent.id]);
  const confused = useMemo(() => new Set(highlight.map(phrasingKey)), [highlight]);
  const local = exampleProblems(draft);
  const blocking = local.size > 0;
  const none = draft.zh.length + draft.en.length === 0 && !adding.zh.trim() && !adding.en.trim();

  const problemsOf = (which: 'zh' | 'en') => {
    const byIndex = new Map<number, string>();
    draft[which].forEach((_, i) => {
      const path = `${which}.${i}`;
      const server = rejected.get(path);
      const mine = local.get(path);
      if (mine) byIndex.set(i, t(`botModel.problem.${mine}`));
      else if (server) byIndex.set(i, server);
    });
    return byIndex;
  };
  const listProblem = rejected.get('') ?? rejected.get('zh') ?? rejected.get('en');

  const save = async () => {
    setBusy(true);
    setFailure(null);
    setUnchanged(false);
    try {
      const examples = trimmedExamples(pending);
      const saved = await botModelApi.saveExamples(intent.source, intent.key, examples);
      setDraft(saved.intent.examples);
      setAdding(noAdding);
      setRejected(new Map());
      setUnchanged(saved.version === null);
      onSaved(saved);
    } catch (error) {
      // nothing typed is lost: the draft stays as it is
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') onSessionLost();
      if (error instanceof ApiError && error.code === 'validation_failed' && error.details.length > 0) {
        setDraft(pending);
        setAdding(noAdding);
        setRejected(problemsByExample(error.details));
      } else setFailure(`error.${code}` as MessageKey);
    } finally {
      setBusy(false);
    }
  };

  const readOnly = !intent.editable;
  return (
    <section className="admin-editor intent-editor" aria-label={intentName(intent, lang)}>
      <header className="admin-editor-head">
        <h2>{intentName(intent, lang)}</h2>
        <Tag color={intent.source === 'flow' ? 'purple' : 'blue'}>
          {t(`botModel.source.${intent.source}`)}
        </Tag>
        <code className="admin-key">{intent.key}</code>
        {intent.enabled ? <Tag color="green">{t('botModel.learnt')}</Tag> : <Tag>{t('botModel.off')}</Tag>}
        {dirty && <Tag color="orange">{t('admin.unsaved')}</Tag>}
        {onClose && (
          <Button type="text" className="intent-close" aria-label={t('botModel.close')} onClick={onClose}>
            ×
          </Button>
        )}
      </header>
      <div className="admin-editor-body">
        {readOnly && <Alert type="info" showIcon title={t('botModel.flowOff')} />}
        {!readOnly && !intent.enabled && <Alert type="info" showIcon title={t('botModel.entryOff')} />}
        {confused.size > 0 && <Alert type="warning" showIcon title={t('botModel.fixHint')} />}
        {failure && <Alert type="error" showIcon title={t(failure)} />}
        {unchanged && <Alert type="info" showIcon title={t('botModel.unchanged')} />}
        {(listProblem || (none && intent.source === 'knowledge')) && (
          <Alert type="error" showIcon title={listProblem ?? t('botModel.problem.none')} />
        )}
        {exampleLangs.map((which) => (
          <ExampleList
            key={which}
            lang={which}
            examples={draft[which]}
            onChange={(list) => setDraft((d) => ({ ...d, [which]: list }))}
            problems={problemsOf(which)}
            elsewhere={elsewhere}
            highlight={confused}
            disabled={readOnly || busy}
            adding={adding[which]}
            onAdding={(text) => setAdding((a) => ({ ...a, [which]: text }))}
          />
        ))}
      </div>
      {!readOnly && (
        <footer className="admin-editor-foot">
          <Button
            type="primary"
            loading={busy}
            disabled={!dirty || blocking || (none && intent.source === 'knowledge')}
            onClick={() => void save()}
          >
            {t('botModel.saveExamples')}
          </Button>
          <Button
            disabled={busy || !dirty}
            onClick={() => {
              setDraft(intent.examples);
              setAdding(noAdding);
              setRejected(new Map());
            }}
          >
            {t('bot.revert')}
          </Button>
        </footer>
      )}
    </section>
  );
}
