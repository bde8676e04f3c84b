import type { AgentConversation } from '@tandem/protocol';
import { Badge, Tabs } from 'antd';
import { contactName } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';

interface Props {
  ids: readonly string[];
  activeId: string;
  byId: Readonly<Record<string, AgentConversation>>;
  unread: Readonly<Record<string, number>>;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
}

/** The conversations an agent has open at once, as closable tabs above the open one (Alt+1…6 switch). */
export function OpenTabs({ ids, activeId, byId, unread, onSelect, onClose }: Props) {
  const { t } = useI18n();
  if (ids.length < 2) return null;
  return (
    <Tabs
      className="open-tabs"
      type="editable-card"
      size="small"
      hideAdd
      aria-label={t('workspace.openTabs')}
      activeKey={activeId}
      onChange={onSelect}
      onEdit={(key, action) => action === 'remove' && typeof key === 'string' && onClose(key)}
      items={ids.map((id, index) => {
        const conversation = byId[id];
        const name = conversation ? contactName(conversation.contact, t) : '…';
        return {
          key: id,
          closeIcon: (
            <span role="img" aria-label={t('workspace.closeTab', { name })}>
              ×
            </span>
          ),
          label: (
            <span className="open-tab" title={`Alt+${index + 1}`}>
              <span className="open-tab-name">{name}</span>
              {(unread[id] ?? 0) > 0 && id !== activeId && <Badge count={unread[id]} size="small" />}
            </span>
          ),
        };
      })}
    />
  );
}
