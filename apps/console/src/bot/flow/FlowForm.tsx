import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import { FlowFormContext } from './FlowFormContext.tsx';
import { FlowOverview, scrollToNode } from './FlowOverview.tsx';
import { NumberField, TargetSelect, TextField } from './fields.tsx';
import {
  addNode,
  type FlowDoc,
  getIn,
  isRecord,
  moveNode,
  NODE_TYPES,
  type NodeType,
  nodesOf,
  removeNode,
  setIn,
} from './flowDocument.ts';
import { renameNode } from './flowGraph.ts';
import { NodeCard } from './NodeCard.tsx';
import { type Checked, problemText, unclaimed } from './problems.ts';
import { BilingualField, LinesField } from './textFields.tsx';

interface Props {
  doc: FlowDoc;
  checked: Checked;
  onChange: (doc: FlowDoc) => void;
  /** a saved flow keeps its id (another id would be another flow) */
  idLocked: boolean;
}

const FLOW_FIELDS = [
  'id',
  'name',
  'description',
  'trigger.examples.zh',
  'trigger.examples.en',
  'start',
  'maxSteps',
];

/** The flow as a form: its name and phrasings, the start, then every node with its own fields. */
export function FlowForm({ doc, checked, onChange, idLocked }: Props) {
  const { t } = useI18n();
  const [newType, setNewType] = useState<NodeType>('ask');
  const nodes = nodesOf(doc);
  const nodeIds = nodes.map(([id]) => id);
  const slotNames = nodes
    .map(([, node]) => getIn(node, ['slot', 'name']))
    .filter((name): name is string => typeof name === 'string' && name !== '');
  const context = { checked, nodeIds, slotNames };
  const loose = unclaimed(checked, '', [...FLOW_FIELDS, ...nodeIds.map((id) => `nodes.${id}`)]);
  const set = (path: Array<string | number>, value: unknown) => onChange(setIn(doc, path, value));

  const rename = (from: string, to: string): string | null => {
    if (nodeIds.includes(to)) return t('flowEditor.node.idTaken', { id: to });
    onChange(renameNode(doc, from, to));
    return null;
  };
  const add = () => {
    const added = addNode(doc, newType);
    onChange(added.doc);
    // once it is shown
    requestAnimationFrame(() => scrollToNode(added.id));
  };

  return (
    <FlowFormContext.Provider value={context}>
      <div className="flow-form">
        <Card size="small" title={t('flowEditor.section.flow')} className="flow-card">
          <Form layout="vertical" size="small" component="div">
            {loose.map((p) => (
              <Alert
                key={`${p.path}:${p.message}`}
                className="flow-node-problem"
                type={p.severity}
                showIcon
                message={p.path === '' ? problemText(t, p) : `${p.path}: ${problemText(t, p)}`}
              />
            ))}
            <TextField
              label={t('flowEditor.id')}
              path="id"
              value={doc.id as string}
              disabled={idLocked}
              hint={t(idLocked ? 'flowEditor.id.locked' : 'flowEditor.id.hint')}
              onChange={(value) => set(['id'], value ?? '')}
            />
            <BilingualField
              label={t('flowEditor.name')}
              path="name"
              value={doc.name}
              onChange={(v) => set(['name'], v)}
            />
            <BilingualField
              label={t('flowEditor.description')}
              path="description"
              value={doc.description}
              optional
              onChange={(v) => set(['description'], v)}
            />
            <div className="flow-row">
              {(['zh', 'en'] as const).map((lang) => (
                <LinesField
                  key={lang}
                  label={t(lang === 'zh' ? 'flowEditor.examples.zh' : 'flowEditor.examples.en')}
                  path={`trigger.examples.${lang}`}
                  value={getIn(doc, ['trigger', 'examples', lang])}
                  hint={t('flowEditor.examples.hint')}
                  onChange={(lines) => {
                    const trigger = isRecord(doc.trigger) ? doc.trigger : {};
                    const examples = isRecord(trigger.examples) ? trigger.examples : {};
                    set(['trigger'], {
                      ...trigger,
                      examples: { zh: [], en: [], ...examples, [lang]: lines },
                    });
                  }}
                />
              ))}
            </div>
            <div className="flow-row">
              <TargetSelect
                label={t('flowEditor.start')}
                path="start"
                value={doc.start as string}
                onChange={(value) => set(['start'], value)}
              />
              <NumberField
                label={t('flowEditor.maxSteps')}
                path="maxSteps"
                value={doc.maxSteps as number}
                placeholder="50"
                min={1}
                max={500}
                hint={t('flowEditor.maxSteps.hint')}
                onChange={(value) => set(['maxSteps'], value)}
              />
            </div>
          </Form>
        </Card>
        <FlowOverview doc={doc} />
        <h3 className="flow-nodes-title">{t('flowEditor.nodes', { n: nodes.length })}</h3>
        {nodes.map(([id, node], index) => (
          <NodeCard
            key={id}
            id={id}
            node={node}
            isStart={doc.start === id}
            first={index === 0}
            last={index === nodes.length - 1}
            onChange={(next) => set(['nodes', id], next)}
            onRename={(to) => rename(id, to)}
            onMove={(delta) => onChange(moveNode(doc, id, delta))}
            onRemove={() => onChange(removeNode(doc, id))}
          />
        ))}
        <Space.Compact className="flow-add">
          <Select
            value={newType}
            onChange={setNewType}
            aria-label={t('flowEditor.addNodeType')}
            style={{ width: 160 }}
            options={NODE_TYPES.map((value) => ({ value, label: t(`flowEditor.type.${value}`) }))}
          />
          <Button icon={<PlusOutlined />} onClick={add}>
            {t('flowEditor.addNode')}
          </Button>
        </Space.Compact>
      </div>
    </FlowFormContext.Provider>
  );
}
