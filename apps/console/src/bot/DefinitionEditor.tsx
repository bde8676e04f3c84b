import type { DefinitionKind } from '@tandem/protocol';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ApiError, type DefinitionFormat, type ProblemDetail } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import { isEdited } from './definitions.ts';
import { ProblemList } from './ProblemList.tsx';

export interface EditorBase {
  format: DefinitionFormat;
  source: string;
  /** the version the text comes from; null for a template */
  version: number | null;
}

interface Props {
  kind: DefinitionKind;
  /** the definition's key, or null for a new document */
  definitionKey: string | null;
  base: EditorBase;
  /** the version that runs now, or null (new, or switched off) */
  running: number | null;
  onSave: (format: DefinitionFormat, source: string) => Promise<void>;
  onDirty: (dirty: boolean) => void;
  onError: (error: unknown) => void;
  onBack: () => void;
}

/** A definition as stored, in a plain monospace editor; the server validates it on save. */
export function DefinitionEditor({
  kind,
  definitionKey,
  base,
  running,
  onSave,
  onDirty,
  onError,
  onBack,
}: Props) {
  const { t } = useI18n();
  const uid = useId();
  const [format, setFormat] = useState<DefinitionFormat>(base.format);
  const [source, setSource] = useState(base.source);
  const [problems, setProblems] = useState<ProblemDetail[] | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = isEdited(source, base.source) || format !== base.format;

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSave(format, source);
      setProblems(null);
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
      <header className="admin-editor-head">
        <button type="button" className="button button-ghost back-button" onClick={onBack}>
          ‹ {t('admin.back')}
        </button>
        <h2>{definitionKey ? <code className="admin-key">{definitionKey}</code> : t('bot.newTitle')}</h2>
        <span className="chip">{t(`bot.kind.${kind}`)}</span>
        {base.version !== null && <span className="chip">{t('bot.version', { n: base.version })}</span>}
        {dirty && <span className="chip chip-unsaved">{t('admin.unsaved')}</span>}
      </header>
      <div className="admin-editor-body">
        {definitionKey !== null && running === null && (
          <p className="form-message is-info">{t('bot.offNote')}</p>
        )}
        {viewingOld && (
          <p className="form-message is-info">{t('bot.viewingOld', { n: base.version ?? 0 })}</p>
        )}
        {problems && <ProblemList problems={problems} running={running} />}
        <div className="source-toolbar">
          <label htmlFor={`${uid}-source`}>{t('bot.source')}</label>
          <label className="inline-field">
            {t('bot.format')}
            <select
              className="input input-sm"
              value={format}
              onChange={(event) => setFormat(event.target.value as DefinitionFormat)}
            >
              <option value="yaml">YAML</option>
              <option value="json">JSON</option>
            </select>
          </label>
        </div>
        <textarea
          id={`${uid}-source`}
          className="input source-editor"
          value={source}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          aria-invalid={problems ? true : undefined}
          onChange={(event) => setSource(event.target.value)}
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
