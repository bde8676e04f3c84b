import { Form, Input, InputNumber, Select } from 'antd';
import { type ReactNode, useId } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import { useFlowForm } from './FlowFormContext.tsx';
import { problemsAt, problemText } from './problems.ts';

interface BoxProps {
  label: string;
  /** the problem path of the field (`nodes.ask_1.next`) */
  path: string;
  /** another path whose own problems show here (a text's `text` above its `text.zh`) */
  also?: string;
  hint?: string;
  children: (id: string) => ReactNode;
}

/** A labelled field with the server's problems of its path under it (errors first, then warnings). */
export function FieldBox({ label, path, also, hint, children }: BoxProps) {
  const { t } = useI18n();
  const { checked } = useFlowForm();
  const id = useId();
  const problems = [
    ...(also === undefined ? [] : problemsAt(checked, also).filter((p) => p.path === also)),
    ...problemsAt(checked, path),
  ];
  const errors = problems.filter((p) => p.severity === 'error');
  const shown = errors.length > 0 ? errors : problems;
  const help = shown.length > 0 ? shown.map((p) => problemText(t, p)).join(' · ') : hint;
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      validateStatus={errors.length > 0 ? 'error' : shown.length > 0 ? 'warning' : undefined}
      help={help}
      className="flow-field"
    >
      {children(id)}
    </Form.Item>
  );
}

interface ValueProps<T> {
  label: string;
  path: string;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  hint?: string;
}

/** One line of text; empty removes the field (so an optional field stays out of the document). */
export function TextField(props: ValueProps<string> & { placeholder?: string; disabled?: boolean }) {
  const { value, onChange } = props;
  return (
    <FieldBox label={props.label} path={props.path} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <Input
          id={id}
          value={typeof value === 'string' ? value : ''}
          placeholder={props.placeholder}
          disabled={props.disabled}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
      )}
    </FieldBox>
  );
}

/** A number; empty leaves it out (the default, shown as the placeholder, applies). */
export function NumberField(
  props: ValueProps<number> & { min?: number; max?: number; placeholder?: string },
) {
  const { value, onChange } = props;
  return (
    <FieldBox label={props.label} path={props.path} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <InputNumber
          id={id}
          value={typeof value === 'number' ? value : null}
          min={props.min}
          max={props.max}
          placeholder={props.placeholder}
          style={{ width: '100%' }}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      )}
    </FieldBox>
  );
}

/** The node a link leads to: any node of the flow (a name not in the flow is kept, and shown as wrong). */
export function TargetSelect(props: ValueProps<string>) {
  const { t } = useI18n();
  const { nodeIds } = useFlowForm();
  const { value, onChange } = props;
  const current = typeof value === 'string' ? value : undefined;
  const ids = current !== undefined && !nodeIds.includes(current) ? [...nodeIds, current] : nodeIds;
  return (
    <FieldBox label={props.label} path={props.path} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <Select
          id={id}
          value={current}
          allowClear
          showSearch
          placeholder={t('flowEditor.chooseNode')}
          options={ids.map((node) => ({ value: node, label: node }))}
          onChange={(next: string | undefined) => onChange(next ?? undefined)}
        />
      )}
    </FieldBox>
  );
}

/** A choice among fixed values (node type, entity, method…). */
export function ChoiceField(
  props: ValueProps<string> & { options: Array<{ value: string; label: string }>; allowClear?: boolean },
) {
  const { value, onChange } = props;
  const current = typeof value === 'string' ? value : undefined;
  const options =
    current !== undefined && !props.options.some((o) => o.value === current)
      ? [...props.options, { value: current, label: current }]
      : props.options;
  return (
    <FieldBox label={props.label} path={props.path} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <Select
          id={id}
          value={current}
          allowClear={props.allowClear}
          options={options}
          onChange={(next: string | undefined) => onChange(next ?? undefined)}
        />
      )}
    </FieldBox>
  );
}

/**
 * Fields most nodes leave as they are (checks, retries): folded away, and open when one of them has a value
 * or a problem.
 */
export function MoreFields({
  label,
  paths,
  filled,
  children,
}: {
  label: string;
  paths: string[];
  filled: boolean;
  children: ReactNode;
}) {
  const { checked } = useFlowForm();
  const open = filled || paths.some((path) => problemsAt(checked, path).length > 0);
  return (
    <details className="flow-more" open={open}>
      <summary>{label}</summary>
      {children}
    </details>
  );
}
