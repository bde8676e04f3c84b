import type { FlowDraft } from '@tandem/protocol';
import { Alert, Segmented } from 'antd';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError, type DefinitionFormat, type ProblemDetail } from '../../api.ts';
import { useI18n } from '../../I18nProvider.tsx';
import type { DefinitionEditorProps } from '../definitionEditorProps.ts';
import { isEdited } from '../definitions.ts';
import { ProblemList } from '../ProblemList.tsx';
import { CheckSummary } from './CheckSummary.tsx';
import { EditorHead } from './EditorHead.tsx';
import { FlowForm } from './FlowForm.tsx';
import { type FlowDoc, sameJson } from './flowDocument.ts';
import { decodeFlow, encodeFlow } from './flowSource.ts';
import { FormatSelect, SourceField } from './SourceField.tsx';
import { TestPanel } from './TestPanel.tsx';
import { useFlowCheck } from './useFlowCheck.ts';
import './flowEditor.css';

type Mode = 'form' | 'source';

/**
 * A flow, edited as a form (a card per node, problems at their field) or as its text, with a test
 * conversation beside it. Both views hold the same document: the form keeps every field it does not show,
 * and switching back to the text keeps its comments where nothing changed. Saving makes a new version.
 */
export function FlowDefinitionEditor(props: DefinitionEditorProps) {
  const { kind, definitionKey, base, running, onSave, onDirty, onError, onBack } = props;
  const { t } = useI18n();
  const initial = useMemo(() => decodeFlow(base.source, base.format), [base.source, base.format]);
  const [mode, setMode] = useState<Mode>(initial.ok ? 'form' : 'source');
  const [format, setFormat] = useState<DefinitionFormat>(base.format);
  const [source, setSource] = useState(base.source);
  const [doc, setDoc] = useState<FlowDoc | null>(initial.ok ? initial.doc : null);
  // the text the form's document was read from: written back as it was when nothing changed
  const [readFrom, setReadFrom] = useState({ source: base.source, format: base.format });
  const [unreadable, setUnreadable] = useState<string | null>(initial.ok ? null : initial.message);
  const [problems, setProblems] = useState<ProblemDetail[] | null>(null);
  const [busy, setBusy] = useState(false);

  const inForm = mode === 'form' && doc !== null;
  const dirty =
    format !== base.format ||
    (inForm
      ? !sameJson(doc, initial.ok ? initial.doc : null) || isEdited(readFrom.source, base.source)
      : isEdited(source, base.source));
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const draft: FlowDraft | null = inForm
    ? { document: doc }
    : source.trim() === ''
      ? null
      : { format, source };
  const check = useFlowCheck(draft, onError);
  const textOf = () => (inForm ? encodeFlow(doc, format, readFrom) : source);

  const switchTo = (next: Mode) => {
    if (next === mode) return;
    if (next === 'source') {
      setSource(textOf());
      setMode('source');
      return;
    }
    const read = decodeFlow(source, format);
    if (!read.ok) {
      setUnreadable(read.message);
      return;
    }
    setDoc(read.doc);
    setReadFrom({ source, format });
    setUnreadable(null);
    setMode('form');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = textOf();
    setBusy(true);
    // cleared before the save, so the parent's "saved" message never shows beside old problems
    setProblems(null);
    try {
      await onSave(format, text);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') {
        setProblems(error.details.length > 0 ? error.details : [{ path: '(root)', message: error.message }]);
      } else {
        setProblems(null);
        onError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const revert = () => {
    setFormat(base.format);
    setSource(base.source);
    setDoc(initial.ok ? initial.doc : null);
    setReadFrom({ source: base.source, format: base.format });
    setMode(initial.ok ? 'form' : 'source');
    setUnreadable(initial.ok ? null : initial.message);
    setProblems(null);
  };

  const viewingOld = base.version !== null && running !== null && base.version !== running;
  const draftId = inForm && typeof doc.id === 'string' ? doc.id : definitionKey;
  return (
    <div className="admin-editor definition-editor flow-editor">
      <EditorHead
        kind={kind}
        definitionKey={definitionKey}
        version={base.version}
        dirty={dirty}
        onBack={onBack}
      >
        <Segmented<Mode>
          className="flow-mode"
          aria-label={t('flowEditor.mode')}
          value={mode}
          onChange={switchTo}
          options={[
            { value: 'form', label: t('flowEditor.mode.form') },
            { value: 'source', label: t('flowEditor.mode.source') },
          ]}
        />
      </EditorHead>
      <div className="flow-workbench">
        <form className="flow-main" onSubmit={submit}>
          <div className="admin-editor-body flow-body">
            {definitionKey !== null && running === null && (
              <p className="form-message is-info">{t('bot.offNote')}</p>
            )}
            {viewingOld && (
              <p className="form-message is-info">{t('bot.viewingOld', { n: base.version ?? 0 })}</p>
            )}
            {problems && <ProblemList problems={problems} running={running} />}
            {unreadable !== null && (
              <Alert type="error" showIcon message={t('flowEditor.unreadable', { message: unreadable })} />
            )}
            <div className="source-toolbar flow-toolbar">
              <CheckSummary check={check} list={!inForm} />
              {inForm && <FormatSelect format={format} onFormat={setFormat} />}
            </div>
            {inForm ? (
              <FlowForm
                doc={doc}
                checked={check.checked}
                onChange={setDoc}
                idLocked={definitionKey !== null}
              />
            ) : (
              <SourceField
                format={format}
                source={source}
                invalid={problems !== null}
                onFormat={setFormat}
                onSource={setSource}
              />
            )}
          </div>
          <footer className="admin-editor-foot">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || (!inForm && source.trim() === '')}
            >
              {busy ? t('bot.saving') : t('bot.save')}
            </button>
            <button type="button" className="button" disabled={busy || !dirty} onClick={revert}>
              {t('bot.revert')}
            </button>
          </footer>
        </form>
        <aside className="flow-side">
          <TestPanel draft={draft} draftId={draftId} onSessionLost={onError} />
        </aside>
      </div>
    </div>
  );
}
