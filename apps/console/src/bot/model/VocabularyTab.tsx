import type { Vocabulary } from '@tandem/protocol';
import { Alert, Button, Form, Select, Spin, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorCodeOf } from '../../api.ts';
import { botModelApi } from '../../apiBotModel.ts';
import { useI18n } from '../../I18nProvider.tsx';
import type { MessageKey } from '../../i18n.ts';
import type { AgentSocket } from '../../socket.ts';
import type { LoadState } from '../../store/useInbox.ts';
import { LearningAlert } from './LearningAlert.tsx';
import { ModelPane } from './ModelPane.tsx';
import { SynonymGroups, separators } from './SynonymGroups.tsx';
import type { BotTab } from './tabs.ts';
import { useLearning } from './useLearning.ts';
import {
  cleanVocabulary,
  type ProblemField,
  sameVocabulary,
  serverProblems,
  type VocabularyProblem,
  vocabularyProblems,
} from './vocabulary.ts';

interface Props {
  socket: AgentSocket | null;
  onTab: (tab: BotTab) => void;
  onDirty: (dirty: boolean) => void;
  onSessionLost: () => void;
}

const empty: Vocabulary = { words: [], synonyms: [] };

/** The user dictionary and the synonym groups, saved as a new version of the settings. */
export function VocabularyTab({ socket, onTab, onDirty, onSessionLost }: Props) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<{ vocabulary: Vocabulary; version: number | null } | null>(null);
  const [draft, setDraft] = useState<Vocabulary>(empty);
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [rejected, setRejected] = useState<Map<ProblemField, VocabularyProblem>>(new Map());
  const [failure, setFailure] = useState<MessageKey | null>(null);
  const bot = useLearning(socket);
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;

  const reload = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      const view = await botModelApi.vocabulary();
      setSaved(view);
      setDraft(view.vocabulary);
      setLoad({ state: 'ready' });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') lost.current();
      setLoad({ state: 'error', code });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const dirty = saved !== null && !sameVocabulary(cleanVocabulary(draft), saved.vocabulary);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useEffect(() => () => onDirty(false), [onDirty]);

  const local = vocabularyProblems(draft);
  const problems = local.size > 0 ? local : rejected;
  const edit = (next: Vocabulary) => {
    setDraft(next);
    setRejected(new Map());
  };
  const describe = (problem: VocabularyProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    switch (problem.kind) {
      case 'tooLong':
        return t('botModel.vocabulary.tooLong', { word: problem.word });
      case 'shared':
        return t('botModel.vocabulary.shared', { word: problem.word, n: problem.group });
      case 'server':
        return problem.message;
      default:
        return t(`botModel.vocabulary.${problem.kind}`);
    }
  };
  const field = (name: ProblemField) => {
    const help = describe(problems.get(name));
    return help ? { validateStatus: 'error' as const, help } : {};
  };

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      // empty groups go now, so the server's problems point at the groups as shown
      const next = cleanVocabulary(draft);
      setDraft(next);
      const view = await botModelApi.saveVocabulary(next);
      const changed = view.version !== saved?.version;
      setSaved(view);
      setDraft(view.vocabulary);
      if (changed) bot.start(view.bot);
    } catch (error) {
      // what was typed stays: the draft is not touched
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') onSessionLost();
      if (error instanceof ApiError && error.code === 'validation_failed' && error.details.length > 0)
        setRejected(serverProblems(error.details));
      else setFailure(`error.${code}` as MessageKey);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ModelPane tab="vocabulary" onTab={onTab}>
        {saved && (
          <dl className="model-facts">
            <dt>{t('botModel.vocabulary.words')}</dt>
            <dd>{saved.vocabulary.words.length}</dd>
            <dt>{t('botModel.vocabulary.groups')}</dt>
            <dd>{saved.vocabulary.synonyms.length}</dd>
            <dt>{t('botModel.vocabulary.version')}</dt>
            <dd>{saved.version === null ? t('common.none') : t('bot.version', { n: saved.version })}</dd>
          </dl>
        )}
      </ModelPane>
      <main className="admin-detail">
        {load.state === 'loading' ? (
          <div className="model-empty" role="status">
            <Spin /> {t('bot.loading')}
          </div>
        ) : load.state === 'error' ? (
          <Alert
            className="model-alert"
            type="error"
            showIcon
            title={`${t('admin.loadError')}: ${t(`error.${load.code}`)}`}
            action={<Button onClick={() => void reload()}>{t('common.retry')}</Button>}
          />
        ) : (
          <Form layout="vertical" className="admin-editor vocabulary-editor" onFinish={() => void save()}>
            <header className="admin-editor-head">
              <h2>{t('bot.kind.vocabulary')}</h2>
              {dirty && <Tag color="orange">{t('admin.unsaved')}</Tag>}
            </header>
            <div className="admin-editor-body">
              {bot.learning && <LearningAlert learning={bot.learning} onDismiss={bot.dismiss} />}
              {failure && <Alert type="error" showIcon title={t(failure)} />}
              <Form.Item
                label={t('botModel.vocabulary.words')}
                extra={t('botModel.vocabulary.wordsHint')}
                {...field('words')}
              >
                <Select
                  mode="tags"
                  open={false}
                  suffixIcon={null}
                  value={draft.words}
                  tokenSeparators={separators}
                  aria-label={t('botModel.vocabulary.words')}
                  placeholder={t('botModel.vocabulary.addWord')}
                  onChange={(words: string[]) => edit({ ...draft, words })}
                />
              </Form.Item>
              <SynonymGroups
                groups={draft.synonyms}
                onChange={(synonyms) => edit({ ...draft, synonyms })}
                problemOf={(name) => describe(problems.get(name))}
              />
            </div>
            <footer className="admin-editor-foot">
              <Button type="primary" htmlType="submit" loading={busy} disabled={!dirty || local.size > 0}>
                {t('botModel.vocabulary.save')}
              </Button>
              <Button
                disabled={busy || !dirty}
                onClick={() => {
                  if (saved) edit(saved.vocabulary);
                }}
              >
                {t('bot.revert')}
              </Button>
            </footer>
          </Form>
        )}
      </main>
    </>
  );
}
