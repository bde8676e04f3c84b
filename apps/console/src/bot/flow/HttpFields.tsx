import { useI18n } from '../../I18nProvider.tsx';
import { ChoiceField, NumberField, TextField } from './fields.tsx';
import { fieldPath, type NodeProps } from './nodeProps.ts';
import { NextField } from './SimpleFields.tsx';
import { JsonField } from './textFields.tsx';

/** An http node: the call (method, URL template, headers, body), what to keep of the answer, where next. */
export function HttpFields(props: NodeProps) {
  const { t } = useI18n();
  const { id, node, set } = props;
  const at = (field: string) => fieldPath(id, field);
  return (
    <>
      <div className="flow-row">
        <ChoiceField
          label={t('flowEditor.field.method')}
          path={at('method')}
          value={(node.method as string) ?? 'GET'}
          options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => ({ value: m, label: m }))}
          onChange={(value) => set(['method'], value)}
        />
        <TextField
          label={t('flowEditor.field.url')}
          path={at('url')}
          value={node.url as string}
          hint={t('flowEditor.field.url.hint')}
          onChange={(value) => set(['url'], value ?? '')}
        />
      </div>
      <JsonField
        label={t('flowEditor.field.headers')}
        path={at('headers')}
        value={node.headers}
        onChange={(value) => set(['headers'], value)}
      />
      <JsonField
        label={t('flowEditor.field.body')}
        path={at('body')}
        value={node.body}
        onChange={(value) => set(['body'], value)}
      />
      <JsonField
        label={t('flowEditor.field.map')}
        path={at('map')}
        value={node.map}
        hint={t('flowEditor.field.map.hint')}
        onChange={(value) => set(['map'], value)}
      />
      <JsonField
        label={t('flowEditor.field.onStatus')}
        path={at('onStatus')}
        value={node.onStatus}
        hint={t('flowEditor.field.onStatus.hint')}
        onChange={(value) => set(['onStatus'], value)}
      />
      <div className="flow-row">
        <NumberField
          label={t('flowEditor.field.timeoutMs')}
          path={at('timeoutMs')}
          value={node.timeoutMs as number}
          placeholder="3000"
          min={100}
          max={10_000}
          onChange={(value) => set(['timeoutMs'], value)}
        />
        <NumberField
          label={t('flowEditor.field.retries')}
          path={at('retries')}
          value={node.retries as number}
          placeholder="1"
          min={0}
          max={3}
          onChange={(value) => set(['retries'], value)}
        />
      </div>
      <div className="flow-row">
        <NextField {...props} />
        <NextField {...props} field="onError" />
      </div>
    </>
  );
}
