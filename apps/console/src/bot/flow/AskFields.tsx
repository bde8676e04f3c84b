import { Switch } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { ChoiceField, FieldBox, MoreFields, NumberField, TargetSelect, TextField } from './fields.tsx';
import { getIn, isRecord, setIn } from './flowDocument.ts';
import { fieldPath, type NodeProps, SLOT_ENTITIES } from './nodeProps.ts';
import { BilingualField, JsonField, LinesField } from './textFields.tsx';

/** An ask node: the slot it fills (name, kind of value, checks), its question and re-prompt, where next. */
export function AskFields({ id, node, set }: NodeProps) {
  const { t } = useI18n();
  const at = (field: string) => fieldPath(id, field);
  const slot = (key: string) => getIn(node, ['slot', key]);
  const options = getIn(node, ['slot', 'validate', 'options']);
  const plainOptions =
    options === undefined || (Array.isArray(options) && options.every((o) => typeof o === 'string'));
  // an empty `validate` is left out rather than written as {}
  const setRule = (key: string, value: unknown) => {
    const current = slot('validate');
    const rules = setIn(isRecord(current) ? current : {}, [key], value);
    set(['slot', 'validate'], Object.keys(rules).length === 0 ? undefined : rules);
  };
  return (
    <>
      <div className="flow-row">
        <TextField
          label={t('flowEditor.field.slotName')}
          path={at('slot.name')}
          value={slot('name') as string}
          hint={t('flowEditor.field.slotName.hint')}
          onChange={(value) => set(['slot', 'name'], value ?? '')}
        />
        <ChoiceField
          label={t('flowEditor.field.entity')}
          path={at('slot.entity')}
          value={slot('entity') as string}
          options={SLOT_ENTITIES.map((entity) => ({
            value: entity,
            label: t(`flowEditor.entity.${entity}`),
          }))}
          onChange={(value) => set(['slot', 'entity'], value)}
        />
      </div>
      <BilingualField
        label={t('flowEditor.field.prompt')}
        path={at('slot.prompt')}
        value={slot('prompt')}
        onChange={(value) => set(['slot', 'prompt'], value)}
      />
      <BilingualField
        label={t('flowEditor.field.reprompt')}
        path={at('slot.reprompt')}
        value={slot('reprompt')}
        onChange={(value) => set(['slot', 'reprompt'], value)}
      />
      <MoreFields
        label={t('flowEditor.more.ask')}
        paths={['slot.validate', 'slot.maxRetries', 'slot.onFail', 'slot.sensitive'].map(at)}
        filled={['validate', 'maxRetries', 'onFail', 'sensitive'].some((key) => slot(key) !== undefined)}
      >
        <div className="flow-row">
          <TextField
            label={t('flowEditor.field.pattern')}
            path={at('slot.validate.pattern')}
            value={getIn(node, ['slot', 'validate', 'pattern']) as string}
            onChange={(value) => setRule('pattern', value)}
          />
          <NumberField
            label={t('flowEditor.field.min')}
            path={at('slot.validate.min')}
            value={getIn(node, ['slot', 'validate', 'min']) as number}
            onChange={(value) => setRule('min', value)}
          />
          <NumberField
            label={t('flowEditor.field.max')}
            path={at('slot.validate.max')}
            value={getIn(node, ['slot', 'validate', 'max']) as number}
            onChange={(value) => setRule('max', value)}
          />
        </div>
        {plainOptions ? (
          <LinesField
            label={t('flowEditor.field.options')}
            path={at('slot.validate.options')}
            value={options}
            onChange={(lines) => setRule('options', lines.length === 0 ? undefined : lines)}
          />
        ) : (
          <JsonField
            label={t('flowEditor.field.optionsJson')}
            path={at('slot.validate.options')}
            value={options}
            onChange={(value) => setRule('options', value)}
          />
        )}
        <div className="flow-row">
          <NumberField
            label={t('flowEditor.field.maxRetries')}
            path={at('slot.maxRetries')}
            value={slot('maxRetries') as number}
            placeholder="2"
            min={0}
            max={5}
            onChange={(value) => set(['slot', 'maxRetries'], value)}
          />
          <TargetSelect
            label={t('flowEditor.field.onFail')}
            path={at('slot.onFail')}
            value={slot('onFail') as string}
            onChange={(value) => set(['slot', 'onFail'], value)}
          />
          <FieldBox label={t('flowEditor.field.sensitive')} path={at('slot.sensitive')}>
            {(fieldId) => (
              <Switch
                id={fieldId}
                checked={slot('sensitive') === true}
                onChange={(checked) => set(['slot', 'sensitive'], checked ? true : undefined)}
              />
            )}
          </FieldBox>
        </div>
      </MoreFields>
      <TargetSelect
        label={t('flowEditor.field.next')}
        path={at('next')}
        value={node.next as string}
        onChange={(value) => set(['next'], value)}
      />
    </>
  );
}
