import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, type DefinitionFormat, type ProblemDetail } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { DefinitionEditorProps } from './definitionEditorProps.ts';
import { isEdited } from './definitions.ts';
import { EditorHead } from './flow/EditorHead.tsx';
import { FlowDefinitionEditor } from './flow/FlowDefinitionEditor.tsx';
import { SourceField } from './flow/SourceField.tsx';
import { ProblemList } from './ProblemList.tsx';

export type { DefinitionEditorProps, EditorBase } from './definitionEditorProps.ts';

/** A flow in the structured editor (with its text one click away); rules and settings as their text. */
export function DefinitionEditor(props: DefinitionEditorProps) {
  return props.kind === 'flow' ? <FlowDefinitionEditor {...props} /> : <SourceEditor {...props} />;
}

/** A definition as stored, in a plain monospace editor; the server validates it on save. */
function SourceEditor({
  kind,
  definitionKey,
  base,
  running,
  onSave,
  onDirty,
  onError,
  onBack,
}: DefinitionEditorProps) {
  const { t } = useI18n();
  const [format, setFormat] = useState<DefinitionFormat>(base.format);
  const [source, setSource] = useState(base.source);
  const [problems, setProblems] = useState<ProblemDetail[] | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = isEdited(source, base.source) || format !== base.format;

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    // cleared before the save, so the parent's "saved" message never shows beside old problems
    setProblems(null);
    try {
      await onSave(format, source);
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

  const viewingOld = base.version !== null && running !== null && base.version !== running;
  return (
    <form className="admin-editor definition-editor" onSubmit={submit}>
      <EditorHead
        kind={kind}
        definitionKey={definitionKey}
        version={base.version}
        dirty={dirty}
        onBack={onBack}
      />
      <div className="admin-editor-body">
        {definitionKey !== null && running === null && (
          <p className="form-message is-info">{t('bot.offNote')}</p>
        )}
        {viewingOld && (
          <p className="form-message is-info">{t('bot.viewingOld', { n: base.version ?? 0 })}</p>
        )}
        {problems && <ProblemList problems={problems} running={running} />}
        <SourceField
          format={format}
          source={source}
          invalid={problems !== null}
          onFormat={setFormat}
          onSource={setSource}
        />
      </div>
      <footer className="admin-editor-foot">
        <button type="submit" className="button button-primary" disabled={busy || source.trim() === ''}>
          {busy ? t('bot.saving') : t('bot.save')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !dirty}
          onClick={() => {
            setSource(base.source);
            setFormat(base.format);
            setProblems(null);
          }}
        >
          {t('bot.revert')}
        </button>
      </footer>
    </form>
  );
}
