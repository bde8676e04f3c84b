import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { ChoiceField, TargetSelect, TextField } from './fields.tsx';
import { isRecord } from './flowDocument.ts';
import { fieldPath, type NodeProps } from './nodeProps.ts';
import { BilingualField, JsonField } from './textFields.tsx';

export function NextField({ id, node, set, field = 'next' }: NodeProps & { field?: string }) {
  const { t } = useI18n();
  return (
    <TargetSelect
      label={t(field === 'next' ? 'flowEditor.field.next' : 'flowEditor.field.onError')}
      path={fieldPath(id, field)}
      value={node[field] as string}
      onChange={(value) => set([field], value)}
    />
  );
}

/** A say node: a message (with buttons the customer may tap), then on to the next node. */
export function SayFields(props: NodeProps) {
  const { t } = useI18n();
  const { id, node, set } = props;
  const buttons = Array.isArray(node.buttons) ? node.buttons : [];
  return (
    <>
      <BilingualField
        label={t('flowEditor.field.text')}
        path={fieldPath(id, 'text')}
        value={node.text}
        onChange={(value) => set(['text'], value)}
      />
      {buttons.map((button, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: buttons are edited in place; their order is their identity
        <div key={index} className="flow-subitem">
          <BilingualField
            label={t('flowEditor.field.buttonLabel', { n: index + 1 })}
            path={fieldPath(id, `buttons.${index}.label`)}
            value={isRecord(button) ? button.label : undefined}
            onChange={(value) => set(['buttons', index, 'label'], value)}
          />
          <Button
            size="small"
            icon={<DeleteOutlined />}
            onClick={() => {
              const rest = buttons.filter((_b, i) => i !== index);
              set(['buttons'], rest.length === 0 ? undefined : rest);
            }}
          >
            {t('flowEditor.field.removeButton', { n: index + 1 })}
          </Button>
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => set(['buttons'], [...buttons, { label: { zh: '', en: '' } }])}
      >
        {t('flowEditor.field.addButton')}
      </Button>
      <NextField {...props} />
    </>
  );
}

/** A set node: variables (or slots.x) to set, as JSON; strings are templates. */
export function SetFields(props: NodeProps) {
  const { t } = useI18n();
  const { id, node, set } = props;
  return (
    <>
      <JsonField
        label={t('flowEditor.field.values')}
        path={fieldPath(id, 'values')}
        value={node.values}
        hint={t('flowEditor.field.values.hint')}
        onChange={(value) => set(['values'], value)}
      />
      <NextField {...props} />
    </>
  );
}

/** A hand-over: to agents or experts (a team, optionally), with a reason for them and words for the customer. */
export function HandoverFields({ id, node, set }: NodeProps) {
  const { t } = useI18n();
  const at = (field: string) => fieldPath(id, field);
  return (
    <>
      <div className="flow-row">
        <ChoiceField
          label={t('flowEditor.field.tier')}
          path={at('tier')}
          value={(node.tier as string) ?? 'agent'}
          options={[
            { value: 'agent', label: t('flowEditor.tier.agent') },
            { value: 'expert', label: t('flowEditor.tier.expert') },
          ]}
          onChange={(value) =>
            set(['tier'], value === 'agent' && node.tier === undefined ? undefined : value)
          }
        />
        <TextField
          label={t('flowEditor.field.team')}
          path={at('team')}
          value={node.team as string}
          onChange={(value) => set(['team'], value)}
        />
      </div>
      <TextField
        label={t('flowEditor.field.reason')}
        path={at('reason')}
        value={node.reason as string}
        onChange={(value) => set(['reason'], value ?? '')}
      />
      <BilingualField
        label={t('flowEditor.field.text')}
        path={at('text')}
        value={node.text}
        optional
        onChange={(value) => set(['text'], value)}
      />
    </>
  );
}

/** An end node: optional closing words. */
export function EndFields({ id, node, set }: NodeProps) {
  const { t } = useI18n();
  return (
    <BilingualField
      label={t('flowEditor.field.text')}
      path={fieldPath(id, 'text')}
      value={node.text}
      optional
      onChange={(value) => set(['text'], value)}
    />
  );
}
