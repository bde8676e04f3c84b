import type { SupervisorWall, WallQueueItem } from '@tandem/protocol';
import { App, Button, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { EmotionChip } from '../chips.tsx';
import { isNotable } from '../emotion.ts';
import { useI18n } from '../I18nProvider.tsx';
import { type AgentSocket, commands } from '../socket.ts';
import { formatSeconds } from './time.ts';

interface Props {
  wall: SupervisorWall;
  teamNames: ReadonlyMap<string, string>;
  staffNames: ReadonlyMap<string, string>;
  socket: AgentSocket | null;
  meId: string;
  onOpen: (conversationId: string) => void;
  onChanged: () => void;
}

/** Waiting customers in queue order, with open, assign-to-someone and take-it-myself. */
export function QueueTable({ wall, teamNames, staffNames, socket, meId, onOpen, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const available = wall.agents.filter((agent) => agent.presence === 'online' && agent.load < agent.capacity);

  const assign = async (item: WallQueueItem, userId: string) => {
    setBusy(item.conversationId);
    try {
      await commands(socket).transfer(item.conversationId, { kind: 'agent', userId });
      message.success(
        userId === meId ? t('wall.tookOver') : t('wall.assigned', { name: staffNames.get(userId) ?? '' }),
      );
      onChanged();
    } catch (error) {
      message.error(t(`error.${errorCodeOf(error)}` as Parameters<typeof t>[0]));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Table<WallQueueItem>
      size="small"
      rowKey="conversationId"
      dataSource={wall.queue}
      pagination={false}
      scroll={{ x: 640, y: 320 }}
      locale={{ emptyText: t('wall.queueEmpty') }}
      columns={[
        {
          title: t('wall.col.customer'),
          dataIndex: 'customerName',
          render: (name: string | null) => name ?? t('wall.anonymous'),
          ellipsis: true,
        },
        {
          title: t('wall.col.team'),
          dataIndex: 'teamId',
          render: (teamId: string | null) => (teamId ? (teamNames.get(teamId) ?? '') : t('wall.general')),
        },
        {
          title: t('wall.col.priority'),
          dataIndex: 'priority',
          width: 80,
          render: (priority: number) => (priority > 0 ? <Tag color="volcano">{priority}</Tag> : priority),
        },
        {
          title: t('wall.col.waiting'),
          dataIndex: 'waitingSeconds',
          width: 100,
          render: (seconds: number) => (
            <span className={seconds >= 300 ? 'text-danger' : undefined}>{formatSeconds(seconds, t)}</span>
          ),
        },
        {
          title: t('wall.col.emotion'),
          dataIndex: 'emotion',
          render: (emotion: WallQueueItem['emotion']) =>
            emotion && isNotable(emotion.current) ? (
              <EmotionChip emotion={emotion.current} trend={emotion.trend} />
            ) : null,
        },
        {
          title: t('wall.col.actions'),
          key: 'actions',
          width: 300,
          render: (_: unknown, item) => (
            <Space size={4} wrap>
              <Button size="small" onClick={() => onOpen(item.conversationId)}>
                {t('wall.open')}
              </Button>
              <Select
                size="small"
                style={{ width: 132 }}
                placeholder={t('wall.assignTo')}
                aria-label={t('wall.assignTo')}
                disabled={busy !== null}
                value={null}
                options={available.map((agent) => ({
                  value: agent.id,
                  label: `${agent.name} (${agent.load}/${agent.capacity})`,
                }))}
                onChange={(userId: string) => void assign(item, userId)}
              />
              <Button
                size="small"
                type="primary"
                loading={busy === item.conversationId}
                onClick={() => void assign(item, meId)}
              >
                {t('wall.takeOver')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
