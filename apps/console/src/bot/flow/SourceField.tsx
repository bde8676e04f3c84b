import { useId } from 'react';
import type { DefinitionFormat } from '../../api.ts';
import { useI18n } from '../../I18nProvider.tsx';

interface Props {
  format: DefinitionFormat;
  source: string;
  invalid: boolean;
  onFormat: (format: DefinitionFormat) => void;
  onSource: (source: string) => void;
}

/** A definition's text as stored (YAML or JSON), in a plain monospace editor. */
export function SourceField({ format, source, invalid, onFormat, onSource }: Props) {
  const { t } = useI18n();
  const uid = useId();
  return (
    <>
      <div className="source-toolbar">
        <label htmlFor={`${uid}-source`}>{t('bot.source')}</label>
        <FormatSelect format={format} onFormat={onFormat} />
      </div>
      <textarea
        id={`${uid}-source`}
        className="input source-editor"
        value={source}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => onSource(event.target.value)}
      />
    </>
  );
}

/** YAML or JSON: what the text is read as, and how a form's document is written when saved. */
export function FormatSelect({
  format,
  onFormat,
}: {
  format: DefinitionFormat;
  onFormat: (format: DefinitionFormat) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="inline-field">
      {t('bot.format')}
      <select
        className="input input-sm"
        value={format}
        onChange={(event) => onFormat(event.target.value as DefinitionFormat)}
      >
        <option value="yaml">YAML</option>
        <option value="json">JSON</option>
      </select>
    </label>
  );
}
