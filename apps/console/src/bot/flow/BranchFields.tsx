import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { ChoiceField, FieldBox, TargetSelect, TextField } from './fields.tsx';
import { isRecord } from './flowDocument.ts';
import { CONDITION_OPS, fieldPath, type NodeProps } from './nodeProps.ts';
import { JsonField, useDraftText } from './textFields.tsx';

type Scalar = string | number | boolean | null;

/** A typed value: numbers and true/false/null as such, anything else as text. */
function scalar(text: string): Scalar {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return text;
}
const showValue = (value: unknown) =>
  Array.isArray(value) ? value.map((v) => String(v)).join(', ') : value === undefined ? '' : String(value);
const readValue = (text: string): Scalar | Scalar[] =>
  text.includes(',')
    ? text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map(scalar)
    : scalar(text.trim());

/** `{ var, op, value }` alone: the form shows it as fields; all / any / not are edited as JSON. */
const isSimple = (when: unknown) =>
  isRecord(when) && Object.keys(when).every((key) => key === 'var' || key === 'op' || key === 'value');

function ValueInput(props: { id: string; value: unknown; op: unknown; onChange: (value: unknown) => void }) {
  const [text, setText] = useDraftText(props.value, showValue, readValue);
  return (
    <Input
      id={props.id}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const read = readValue(event.target.value);
        props.onChange(props.op === 'in' && !Array.isArray(read) ? [read] : read);
      }}
    />
  );
}

function Condition({
  id,
  index,
  when,
  set,
}: {
  id: string;
  index: number;
  when: unknown;
  set: NodeProps['set'];
}) {
  const { t } = useI18n();
  const at = (field: string) => fieldPath(id, `cases.${index}.when${field}`);
  if (!isSimple(when)) {
    return (
      <JsonField
        label={t('flowEditor.field.condition')}
        path={at('')}
        value={when}
        onChange={(value) => set(['cases', index, 'when'], value)}
      />
    );
  }
  const condition = when as Record<string, unknown>;
  return (
    <div className="flow-row">
      <TextField
        label={t('flowEditor.field.var')}
        path={at('.var')}
        value={condition.var as string}
        placeholder="slots.orderNo"
        onChange={(value) => set(['cases', index, 'when', 'var'], value ?? '')}
      />
      <ChoiceField
        label={t('flowEditor.field.op')}
        path={at('.op')}
        value={condition.op as string}
        options={CONDITION_OPS.map((op) => ({ value: op, label: t(`flowEditor.op.${op}`) }))}
        onChange={(op) => {
          const next: Record<string, unknown> = { ...condition, op };
          if (op === 'exists') delete next.value;
          set(['cases', index, 'when'], next);
        }}
      />
      {condition.op !== 'exists' && (
        <FieldBox
          label={t('flowEditor.field.value')}
          path={at('.value')}
          hint={t('flowEditor.field.value.hint')}
        >
          {(fieldId) => (
            <ValueInput
              id={fieldId}
              value={condition.value}
              op={condition.op}
              onChange={(value) => set(['cases', index, 'when', 'value'], value)}
            />
          )}
        </FieldBox>
      )}
    </div>
  );
}

/** A branch node: cases tried in order (a condition and where it leads), and where anything else goes. */
export function BranchFields({ id, node, set }: NodeProps) {
  const { t } = useI18n();
  const cases = Array.isArray(node.cases) ? node.cases : [];
  return (
    <>
      {cases.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: cases are edited in place; their order is their meaning
        <fieldset key={index} className="flow-subitem">
          <legend>{t('flowEditor.field.case', { n: index + 1 })}</legend>
          <Condition id={id} index={index} when={isRecord(item) ? item.when : undefined} set={set} />
          <TargetSelect
            label={t('flowEditor.field.caseNext', { n: index + 1 })}
            path={fieldPath(id, `cases.${index}.next`)}
            value={isRecord(item) ? (item.next as string) : undefined}
            onChange={(value) => set(['cases', index, 'next'], value)}
          />
          <Button
            size="small"
            icon={<DeleteOutlined />}
            onClick={() =>
              set(
                ['cases'],
                cases.filter((_c, i) => i !== index),
              )
            }
          >
            {t('flowEditor.field.removeCase', { n: index + 1 })}
          </Button>
        </fieldset>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => set(['cases'], [...cases, { when: { var: '', op: 'eq', value: '' } }])}
      >
        {t('flowEditor.field.addCase')}
      </Button>
      <TargetSelect
        label={t('flowEditor.field.default')}
        path={fieldPath(id, 'default')}
        value={node.default as string}
        onChange={(value) => set(['default'], value)}
      />
    </>
  );
}
