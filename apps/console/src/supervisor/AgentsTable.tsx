import type { AgentConversation, Me, SupervisorWall, WallAgent } from '@tandem/protocol';
import { App, Badge, Button, Progress, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { contactName } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import { type AgentSocket, commands } from '../socket.ts';
import { formatSeconds } from './time.ts';

interface Props {
  wall: SupervisorWall;
  teamNames: ReadonlyMap<string, string>;
  served: AgentConversation[];
  socket: AgentSocket | null;
  me: Me;
  onOpen: (conversationId: string) => void;
  onChanged: () => void;
}

const presenceStatus = { online: 'success', away: 'warning', offline: 'default' } as const;

/**
 * People with presence, load and capacity. A row opens to the conversations they serve, each of which a
 * supervisor can open (to watch or whisper), reassign to someone online, or take over.
 */
export function AgentsTable({ wall, teamNames, served, socket, me, onOpen, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  /** rows the supervisor opened or closed by hand; the others follow the rule below */
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const available = wall.agents.filter((agent) => agent.presence === 'online' && agent.load < agent.capacity);

  const reassign = async (conversation: AgentConversation, userId: string) => {
    setBusy(conversation.id);
    try {
      await commands(socket).transfer(conversation.id, { kind: 'agent', userId });
      const name = wall.agents.find((agent) => agent.id === userId)?.name ?? '';
      message.success(userId === me.id ? t('wall.tookOver') : t('wall.assigned', { name }));
      onChanged();
    } catch (error) {
      message.error(t(`error.${errorCodeOf(error)}` as Parameters<typeof t>[0]));
    } finally {
      setBusy(null);
    }
  };

  const conversationsOf = (agent: WallAgent) =>
    served.filter(
      (conversation) => conversation.status === 'assigned' && conversation.assignee?.id === agent.id,
    );

  return (
    <Table<WallAgent>
      size="small"
      rowKey="id"
      dataSource={wall.agents}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: t('wall.noAgents') }}
      expandable={{
        rowExpandable: (agent) => conversationsOf(agent).length > 0,
        // someone away or offline with customers in hand is open at once: those customers need a person
        expandedRowKeys: wall.agents
          .filter(
            (agent) =>
              toggled.get(agent.id) ?? (agent.presence !== 'online' && conversationsOf(agent).length > 0),
          )
          .map((agent) => agent.id),
        onExpand: (open, agent) => setToggled((current) => new Map(current).set(agent.id, open)),
        expandedRowRender: (agent) => (
          <ul className="wall-served" aria-label={t('wall.servedBy', { name: agent.name })}>
            {conversationsOf(agent).map((conversation) => (
              <li key={conversation.id}>
                <span className="wall-served-name">{contactName(conversation.contact, t)}</span>
                <span className="wall-served-preview">{conversation.lastMessage?.text ?? ''}</span>
                <Space size={4} wrap>
                  <Button size="small" onClick={() => onOpen(conversation.id)}>
                    {t('wall.watch')}
                  </Button>
                  <Select
                    size="small"
                    style={{ width: 150 }}
                    placeholder={t('wall.reassignTo')}
                    aria-label={t('wall.reassignTo')}
                    disabled={busy !== null}
                    value={null}
                    options={available
                      .filter((candidate) => candidate.id !== agent.id)
                      .map((candidate) => ({
                        value: candidate.id,
                        label: `${candidate.name} (${candidate.load}/${candidate.capacity})`,
                      }))}
                    onChange={(userId: string) => void reassign(conversation, userId)}
                  />
                  {agent.id !== me.id && (
                    <Button
                      size="small"
                      type="primary"
                      loading={busy === conversation.id}
                      onClick={() => void reassign(conversation, me.id)}
                    >
                      {t('wall.takeOver')}
                    </Button>
                  )}
                </Space>
              </li>
            ))}
          </ul>
        ),
      }}
      columns={[
        { title: t('wall.col.name'), dataIndex: 'name', ellipsis: true },
        {
          title: t('wall.col.role'),
          dataIndex: 'role',
          width: 90,
          render: (role: WallAgent['role']) => t(`role.${role}`),
        },
        {
          title: t('wall.col.presence'),
          dataIndex: 'presence',
          width: 100,
          render: (presence: WallAgent['presence']) => (
            <Badge status={presenceStatus[presence]} text={t(`presence.${presence}`)} />
          ),
        },
        {
          title: t('wall.col.load'),
          key: 'load',
          width: 180,
          render: (_: unknown, agent) => (
            <Progress
              size="small"
              percent={agent.capacity > 0 ? Math.round((agent.load / agent.capacity) * 100) : 0}
              format={() => `${agent.load} / ${agent.capacity}`}
              status={agent.load >= agent.capacity ? 'exception' : 'normal'}
            />
          ),
        },
        { title: t('wall.col.offered'), dataIndex: 'offered', width: 80 },
        {
          title: t('wall.col.unanswered'),
          dataIndex: 'oldestUnansweredSeconds',
          width: 120,
          render: (seconds: number | null) =>
            seconds === null ? (
              t('common.none')
            ) : (
              <span className={seconds >= 120 ? 'text-danger' : undefined}>{formatSeconds(seconds, t)}</span>
            ),
        },
        {
          title: t('wall.col.teams'),
          dataIndex: 'teams',
          render: (ids: string[]) => (
            <Space size={2} wrap>
              {ids.map((id) => (
                <Tag key={id} bordered={false}>
                  {teamNames.get(id) ?? ''}
                </Tag>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
