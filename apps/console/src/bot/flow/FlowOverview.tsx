import { Tag } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import type { Translate } from '../../i18n.ts';
import { useFlowForm } from './FlowFormContext.tsx';
import { type FlowDoc, isNodeType, isRecord, nodesOf } from './flowDocument.ts';
import { type Link, linksOf } from './flowGraph.ts';

function linkLabel(t: Translate, link: Link): string {
  const [head, second] = link.field.split('.');
  if (head === 'cases') return t('flowEditor.link.case', { n: Number(second) + 1 });
  if (head === 'onStatus') return t('flowEditor.link.status', { code: second ?? '' });
  if (link.field === 'slot.onFail' || head === 'onFail') return t('flowEditor.link.onFail');
  if (head === 'yes' || head === 'no' || head === 'default' || head === 'onError')
    return t(`flowEditor.link.${head}`);
  return t('flowEditor.link.next');
}

export const scrollToNode = (id: string) =>
  document.getElementById(`flow-node-${id}`)?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });

/** The flow at a glance, read-only: each node in order, with where each of its links leads. */
export function FlowOverview({ doc }: { doc: FlowDoc }) {
  const { t } = useI18n();
  const { checked } = useFlowForm();
  const nodes = nodesOf(doc);
  const ids = new Set(nodes.map(([id]) => id));
  const unreachable = new Set(
    checked.warnings
      .filter((w) => w.message === 'unreachable from the start node')
      .map((w) => w.path.replace(/^nodes\./, '')),
  );
  return (
    <section className="flow-overview" aria-label={t('flowEditor.overview')}>
      <h3>{t('flowEditor.overview')}</h3>
      <ol>
        {nodes.map(([id, node]) => {
          const type = isRecord(node) && isNodeType(node.type) ? node.type : null;
          const links = linksOf(node);
          return (
            <li key={id}>
              <button
                type="button"
                className="link-button flow-overview-node"
                onClick={() => scrollToNode(id)}
              >
                {id}
              </button>
              <Tag>{type ? t(`flowEditor.type.${type}`) : t('flowEditor.type.unknown')}</Tag>
              {doc.start === id && <Tag color="blue">{t('flowEditor.node.start')}</Tag>}
              {unreachable.has(id) && <Tag color="orange">{t('flowEditor.overview.unreachable')}</Tag>}
              {links.length === 0 && (type === 'end' || type === 'handover') && (
                <span className="muted">
                  {t(type === 'handover' ? 'flowEditor.overview.handover' : 'flowEditor.overview.end')}
                </span>
              )}
              {links.length === 0 && type !== null && type !== 'end' && type !== 'handover' && (
                <span className="flow-overview-link is-missing">{t('flowEditor.overview.noNext')}</span>
              )}
              {links.map((link) => (
                <span
                  key={link.field}
                  className={`flow-overview-link${ids.has(link.target) ? '' : ' is-missing'}`}
                >
                  → {link.target}
                  <span className="muted"> ({linkLabel(t, link)})</span>
                  {!ids.has(link.target) && ` ${t('flowEditor.overview.missing')}`}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
