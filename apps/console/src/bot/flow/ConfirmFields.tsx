import { Select } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { useFlowForm } from './FlowFormContext.tsx';
import { FieldBox, NumberField, TargetSelect } from './fields.tsx';
import { fieldPath, type NodeProps } from './nodeProps.ts';
import { BilingualField } from './textFields.tsx';

/** A confirm node: a yes/no question about what was collected, with a path for each answer. */
export function ConfirmFields(props: NodeProps) {
  const { t } = useI18n();
  const { slotNames } = useFlowForm();
  const { id, node, set } = props;
  const at = (field: string) => fieldPath(id, field);
  const chosen = Array.isArray(node.slots)
    ? node.slots.filter((s): s is string => typeof s === 'string')
    : [];
  return (
    <>
      <BilingualField
        label={t('flowEditor.field.question')}
        path={at('text')}
        value={node.text}
        onChange={(value) => set(['text'], value)}
      />
      <div className="flow-row">
        <TargetSelect
          label={t('flowEditor.field.yes')}
          path={at('yes')}
          value={node.yes as string}
          onChange={(value) => set(['yes'], value)}
        />
        <TargetSelect
          label={t('flowEditor.field.no')}
          path={at('no')}
          value={node.no as string}
          onChange={(value) => set(['no'], value)}
        />
      </div>
      <FieldBox
        label={t('flowEditor.field.correctable')}
        path={at('slots')}
        hint={t('flowEditor.field.correctable.hint')}
      >
        {(fieldId) => (
          <Select
            id={fieldId}
            mode="multiple"
            value={chosen}
            options={[...new Set([...slotNames, ...chosen])].map((name) => ({ value: name, label: name }))}
            onChange={(next: string[]) => set(['slots'], next.length === 0 ? undefined : next)}
          />
        )}
      </FieldBox>
      <BilingualField
        label={t('flowEditor.field.reprompt')}
        path={at('reprompt')}
        value={node.reprompt}
        optional
        onChange={(value) => set(['reprompt'], value)}
      />
      <div className="flow-row">
        <NumberField
          label={t('flowEditor.field.maxRetries')}
          path={at('maxRetries')}
          value={node.maxRetries as number}
          placeholder="2"
          min={0}
          max={5}
          onChange={(value) => set(['maxRetries'], value)}
        />
        <TargetSelect
          label={t('flowEditor.field.onFail')}
          path={at('onFail')}
          value={node.onFail as string}
          onChange={(value) => set(['onFail'], value)}
        />
      </div>
    </>
  );
}
