import { Form, Input } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import { useFlowForm } from './FlowFormContext.tsx';
import { FieldBox } from './fields.tsx';
import { isRecord } from './flowDocument.ts';
import { problemsAt, problemText } from './problems.ts';

interface BilingualProps {
  label: string;
  /** the text's path (`nodes.x.text`): problems of `.zh` and `.en` go under each box */
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** both boxes emptied removes the text (a node that may say nothing) */
  optional?: boolean;
}

/** A `{ zh, en }` text: Chinese first, then English; other fields of the value are kept. */
export function BilingualField({ label, path, value, onChange, optional }: BilingualProps) {
  const { t } = useI18n();
  const text = isRecord(value) ? value : {};
  const set = (lang: 'zh' | 'en', next: string) => {
    const changed = { ...text, zh: text.zh ?? '', en: text.en ?? '', [lang]: next };
    onChange(optional && changed.zh === '' && changed.en === '' ? undefined : changed);
  };
  return (
    <div className="flow-bilingual">
      {(['zh', 'en'] as const).map((lang) => (
        <FieldBox
          key={lang}
          label={t(lang === 'zh' ? 'flowEditor.inZh' : 'flowEditor.inEn', { label })}
          path={`${path}.${lang}`}
          {...(lang === 'zh' ? { also: path } : {})}
        >
          {(id) => (
            <Input.TextArea
              id={id}
              autoSize={{ minRows: 1, maxRows: 6 }}
              value={typeof text[lang] === 'string' ? (text[lang] as string) : ''}
              onChange={(event) => set(lang, event.target.value)}
            />
          )}
        </FieldBox>
      ))}
    </div>
  );
}

/**
 * Text typed here stays as typed while it changes the value (a trailing new line, JSON half written);
 * a new value from outside (revert, another mode) replaces it.
 */
export function useDraftText(
  value: unknown,
  show: (value: unknown) => string,
  read: (text: string) => unknown,
) {
  const [text, setText] = useState(() => show(value));
  const shown = show(value);
  useEffect(() => {
    setText((current) => (show(read(current)) === shown ? current : shown));
  }, [shown, read, show]);
  return [text, setText] as const;
}

const showLines = (value: unknown) =>
  Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n')
    : '';
const readLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A list of short texts, one per line (phrasings, options); blank lines are left out. */
export function LinesField(props: {
  label: string;
  path: string;
  value: unknown;
  onChange: (value: string[]) => void;
  hint?: string;
}) {
  const [text, setText] = useDraftText(props.value, showLines, readLines);
  return (
    <FieldBox label={props.label} path={props.path} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <Input.TextArea
          id={id}
          autoSize={{ minRows: 2, maxRows: 10 }}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            props.onChange(readLines(event.target.value));
          }}
        />
      )}
    </FieldBox>
  );
}

const showJson = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));
const NOT_JSON = Symbol('not JSON');
function readJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** Structured values the form does not break down (headers, a body, mappings, conditions): as JSON. */
export function JsonField(props: {
  label: string;
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  hint?: string;
}) {
  const { t } = useI18n();
  const { checked } = useFlowForm();
  const id = useId();
  const [text, setText] = useDraftText(props.value, showJson, readJson);
  const parsed = readJson(text);
  const problems = problemsAt(checked, props.path);
  const messages = [
    ...(parsed === NOT_JSON ? [t('flowEditor.notJson')] : []),
    ...problems.map((p) => problemText(t, p)),
  ];
  const error = parsed === NOT_JSON || problems.some((p) => p.severity === 'error');
  return (
    <Form.Item
      label={props.label}
      htmlFor={id}
      className="flow-field"
      validateStatus={error ? 'error' : messages.length > 0 ? 'warning' : undefined}
      help={messages.length > 0 ? messages.join(' · ') : props.hint}
    >
      <Input.TextArea
        id={id}
        className="flow-json"
        autoSize={{ minRows: 2, maxRows: 14 }}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const next = readJson(event.target.value);
          if (next !== NOT_JSON) props.onChange(next);
        }}
      />
    </Form.Item>
  );
}
