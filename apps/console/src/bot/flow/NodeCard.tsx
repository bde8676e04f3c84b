import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { useId, useState } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import { AskFields } from './AskFields.tsx';
import { BranchFields } from './BranchFields.tsx';
import { ConfirmFields } from './ConfirmFields.tsx';
import { useFlowForm } from './FlowFormContext.tsx';
import { FieldBox } from './fields.tsx';
import { changeType, isNodeType, isRecord, NODE_ID, NODE_TYPES, type Path, setIn } from './flowDocument.ts';
import { HttpFields } from './HttpFields.tsx';
import { claimedOf, type NodeProps } from './nodeProps.ts';
import { problemsAt, problemText, unclaimed } from './problems.ts';
import { EndFields, HandoverFields, SayFields, SetFields } from './SimpleFields.tsx';
import { JsonField } from './textFields.tsx';

const FIELDS = {
  say: SayFields,
  ask: AskFields,
  confirm: ConfirmFields,
  branch: BranchFields,
  http: HttpFields,
  set: SetFields,
  handover: HandoverFields,
  end: EndFields,
} as const;

interface Props {
  id: string;
  node: unknown;
  isStart: boolean;
  first: boolean;
  last: boolean;
  onChange: (node: unknown) => void;
  /** returns why the new id cannot be used, or null once renamed */
  onRename: (to: string) => string | null;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One node of the flow: its id and type, then the fields of its type; its problems at each field. */
export function NodeCard({ id, node, isStart, first, last, onChange, onRename, onMove, onRemove }: Props) {
  const { t } = useI18n();
  const { checked } = useFlowForm();
  const record = isRecord(node) ? node : null;
  const type = record && isNodeType(record.type) ? record.type : null;
  const prefix = `nodes.${id}`;
  const own = problemsAt(checked, prefix);
  const errors = own.filter((p) => p.severity === 'error').length;
  const loose = type && record ? unclaimed(checked, prefix, claimedOf(type, record)) : [];
  const set = (path: Path, value: unknown) => onChange(setIn(record ?? {}, path, value));
  const Fields = type ? FIELDS[type] : null;
  const nodeName = t('flowEditor.nodeName', { id });

  return (
    <Card
      id={`flow-node-${id}`}
      size="small"
      className={`flow-node${errors > 0 ? ' has-errors' : ''}`}
      role="group"
      aria-label={nodeName}
      title={
        <Space size={6} wrap>
          <code className="flow-node-id">{id}</code>
          <Tag>{type ? t(`flowEditor.type.${type}`) : t('flowEditor.type.unknown')}</Tag>
          {isStart && <Tag color="blue">{t('flowEditor.node.start')}</Tag>}
          {errors > 0 && <Tag color="red">{t('flowEditor.check.errors', { n: errors })}</Tag>}
        </Space>
      }
      extra={
        <Space size={2}>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={first}
            aria-label={`${t('flowEditor.node.up')} · ${id}`}
            onClick={() => onMove(-1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={last}
            aria-label={`${t('flowEditor.node.down')} · ${id}`}
            onClick={() => onMove(1)}
          />
          <Popconfirm
            title={t('flowEditor.node.removeConfirm', { id })}
            okText={t('flowEditor.node.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={onRemove}
          >
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${t('flowEditor.node.remove')} · ${id}`}
            />
          </Popconfirm>
        </Space>
      }
    >
      <Form layout="vertical" size="small" component="div">
        {loose.map((p) => (
          <Alert
            key={`${p.path}:${p.message}`}
            className="flow-node-problem"
            type={p.severity}
            showIcon
            message={
              p.path === prefix
                ? problemText(t, p)
                : `${p.path.slice(prefix.length + 1)}: ${problemText(t, p)}`
            }
          />
        ))}
        <div className="flow-row">
          <NodeIdField id={id} onRename={onRename} />
          <FieldBox label={t('flowEditor.node.type')} path={`${prefix}.type`}>
            {(fieldId) => (
              <Select
                id={fieldId}
                value={type ?? undefined}
                placeholder={String(record?.type ?? '')}
                options={NODE_TYPES.map((value) => ({ value, label: t(`flowEditor.type.${value}`) }))}
                onChange={(value) => onChange(changeType(record, value))}
              />
            )}
          </FieldBox>
        </div>
        {Fields && record ? (
          <Fields {...({ id, node: record, set } satisfies NodeProps)} />
        ) : (
          <>
            <Alert type="info" showIcon message={t('flowEditor.unknownNode')} />
            <JsonField label={t('flowEditor.nodeJson')} path={prefix} value={node} onChange={onChange} />
          </>
        )}
      </Form>
    </Card>
  );
}

/** The node's id: renamed (with every link to it) when the field is left or Enter is pressed. */
function NodeIdField({ id, onRename }: { id: string; onRename: (to: string) => string | null }) {
  const { t } = useI18n();
  const inputId = useId();
  const [text, setText] = useState(id);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (text === id) return setProblem(null);
    if (!NODE_ID.test(text)) return setProblem(t('flowEditor.node.idInvalid'));
    setProblem(onRename(text));
  };
  return (
    <Form.Item
      label={t('flowEditor.node.id')}
      htmlFor={inputId}
      className="flow-field"
      validateStatus={problem ? 'error' : undefined}
      help={problem ?? undefined}
    >
      <Input
        id={inputId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onPressEnter={(event) => {
          event.preventDefault();
          commit();
        }}
      />
    </Form.Item>
  );
}
