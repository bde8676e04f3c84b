import { LeftOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Form, Input, Tag, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { detailsOf, errorCodeOf, type KnowledgeEntry } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { ConfirmAlert } from './ConfirmAlert.tsx';
import { Field } from './Field.tsx';
import {
  checkNew,
  emptyForm,
  type FieldProblem,
  type FormField,
  fieldProblems,
  formOf,
  isChanged,
  problemMessage,
  problemsAt,
  toBody,
} from './form.ts';
import { ListField } from './ListField.tsx';

interface Props {
  /** the entry being edited, or null for a new one */
  entry: KnowledgeEntry | null;
  /** what the form starts from instead of the entry (a draft from demand mining), still to be reviewed */
  draft?: KnowledgeEntry | undefined;
  initialCategory: string;
  ids: string[];
  categories: string[];
  onSave: (entry: KnowledgeEntry) => Promise<KnowledgeEntry>;
  onDelete: (id: string) => Promise<void>;
  onDirty: (dirty: boolean) => void;
  onError: (key: MessageKey) => void;
  onBack: () => void;
}

/** One FAQ entry: phrasings and answers in both languages. Problems the server finds show at their field. */
export function KnowledgeEditor(props: Props) {
  const { entry, ids, onDirty } = props;
  const { t } = useI18n();
  const uid = useId();
  const [form, setForm] = useState(() => {
    const start = props.draft ?? entry;
    return start ? formOf(start) : emptyForm(props.initialCategory);
  });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState<'save' | 'delete' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dirty = isChanged(form, entry);

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  // after a refused save, take the reader to the first field to fix
  const formRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const text = (problem: FieldProblem) => {
    const { key, vars } = problemMessage(problem);
    return t(key, vars);
  };
  const at = (field: FormField) =>
    problemsAt(problems, field)
      .filter((p) => p.line === undefined)
      .map(text);
  const lineProblem = (field: FormField) => (line: number) => {
    const found = problemsAt(problems, field, line)[0];
    return found ? text(found) : undefined;
  };

  const submit = async () => {
    const local = entry ? [] : checkNew(form, ids);
    setProblems(local);
    if (local.length > 0) return;
    const { body, lines } = toBody(form);
    setBusy('save');
    try {
      await props.onSave(body);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'validation_failed') setProblems(fieldProblems(detailsOf(error), lines));
      else props.onError(`error.${code}`);
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!entry) return;
    setBusy('delete');
    try {
      await props.onDelete(entry.id);
    } catch (error) {
      props.onError(`error.${errorCodeOf(error)}`);
      setBusy(null);
      setConfirming(false);
    }
  };

  const general = [...at('form'), ...at('questions')];
  const categoryOptions = props.categories
    .filter((c) => c !== form.category && c.includes(form.category.trim()))
    .map((value) => ({ value }));
  return (
    <div ref={formRef} className="admin-editor knowledge-editor">
      <Form layout="vertical" requiredMark={false} className="knowledge-form" onFinish={() => void submit()}>
        <header className="admin-editor-head">
          <Button type="text" icon={<LeftOutlined />} className="back-button" onClick={props.onBack}>
            {t('admin.back')}
          </Button>
          <Typography.Title level={2} className="pane-title">
            {entry ? t('knowledge.edit') : t('knowledge.editNew')}
          </Typography.Title>
          {entry && <code className="admin-key">{entry.id}</code>}
          {dirty && <Tag color="orange">{t('admin.unsaved')}</Tag>}
        </header>

        <div className="admin-editor-body">
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('knowledge.invalid', { n: problems.length })}
              description={
                general.length > 0 ? (
                  <ul className="problem-lines">
                    {general.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}

          <div className="field-grid">
            {entry ? null : (
              <Field
                id={`${uid}-id`}
                label={t('knowledge.id')}
                hint={t('knowledge.idHint')}
                problems={at('id')}
              >
                {(aria) => (
                  <Input
                    {...aria}
                    className="input-mono"
                    value={form.id}
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={64}
                    onChange={(event) => setForm({ ...form, id: event.target.value })}
                  />
                )}
              </Field>
            )}
            <Field
              id={`${uid}-category`}
              label={t('knowledge.category')}
              hint={t('knowledge.categoryHint')}
              problems={at('category')}
            >
              {(aria) => (
                <AutoComplete
                  {...aria}
                  value={form.category}
                  options={categoryOptions}
                  onChange={(value: string) => setForm({ ...form, category: value })}
                />
              )}
            </Field>
          </div>

          {(['zh', 'en'] as const).map((lang) => (
            <ListField
              key={lang}
              legend={t(`knowledge.questions.${lang}`)}
              hint={t('knowledge.questionsHint')}
              idPrefix={`${uid}-q-${lang}`}
              lang={lang === 'zh' ? 'zh-CN' : 'en'}
              lines={form.questions[lang]}
              lineLabel={`knowledge.question.${lang}`}
              problems={at(`questions.${lang}`)}
              problemAt={lineProblem(`questions.${lang}`)}
              onChange={(lines) => setForm({ ...form, questions: { ...form.questions, [lang]: lines } })}
            />
          ))}

          {(['zh', 'en'] as const).map((lang) => (
            <Field
              key={lang}
              id={`${uid}-answer-${lang}`}
              label={t(`knowledge.answer.${lang}`)}
              problems={at(`answer.${lang}`)}
            >
              {(aria) => (
                <Input.TextArea
                  {...aria}
                  autoSize={{ minRows: 3, maxRows: 12 }}
                  maxLength={2000}
                  showCount
                  lang={lang === 'zh' ? 'zh-CN' : 'en'}
                  value={form.answer[lang]}
                  onChange={(event) =>
                    setForm({ ...form, answer: { ...form.answer, [lang]: event.target.value } })
                  }
                />
              )}
            </Field>
          ))}

          <ListField
            legend={t('knowledge.related')}
            hint={t('knowledge.relatedHint')}
            idPrefix={`${uid}-related`}
            lines={form.related}
            suggestions={ids.filter((id) => id !== entry?.id)}
            lineLabel="knowledge.relatedLine"
            problems={at('related')}
            problemAt={lineProblem('related')}
            onChange={(related) => setForm({ ...form, related })}
          />
        </div>

        <footer className="admin-editor-foot">
          {confirming && entry ? (
            <ConfirmAlert
              message={t('knowledge.deleteConfirm', { id: entry.id })}
              confirmLabel={t('knowledge.deleteYes')}
              busy={busy === 'delete'}
              onConfirm={remove}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <>
              <Button type="primary" htmlType="submit" loading={busy === 'save'} disabled={busy !== null}>
                {busy === 'save' ? t('knowledge.saving') : t('knowledge.save')}
              </Button>
              {entry && (
                <Button danger type="text" disabled={busy !== null} onClick={() => setConfirming(true)}>
                  {t('knowledge.delete')}
                </Button>
              )}
            </>
          )}
        </footer>
      </Form>
    </div>
  );
}
