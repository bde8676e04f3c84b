import type { SupervisorWall, WallSlaWarning } from '@tandem/protocol';
import { Button, Table, Tag } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import { useNow } from '../useNow.ts';
import { formatSeconds } from './time.ts';

interface Props {
  wall: SupervisorWall;
  teamNames: ReadonlyMap<string, string>;
  staffNames: ReadonlyMap<string, string>;
  onOpen: (conversationId: string) => void;
}

/** Conversations near (80 %) or past their first-response or resolution deadline, most urgent first. */
export function SlaTable({ wall, teamNames, staffNames, onOpen }: Props) {
  const { t } = useI18n();
  const now = useNow(5_000);
  return (
    <Table<WallSlaWarning>
      size="small"
      rowKey={(warning) => `${warning.conversationId}:${warning.kind}`}
      dataSource={wall.slaWarnings}
      pagination={false}
      scroll={{ x: 640 }}
      locale={{ emptyText: t('wall.slaEmpty') }}
      columns={[
        {
          title: t('wall.col.customer'),
          dataIndex: 'customerName',
          render: (name: string | null) => name ?? t('wall.anonymous'),
          ellipsis: true,
        },
        {
          title: t('wall.col.kind'),
          dataIndex: 'kind',
          render: (kind: WallSlaWarning['kind']) => t(`wall.sla.${kind}`),
        },
        {
          title: t('wall.col.level'),
          dataIndex: 'level',
          render: (level: WallSlaWarning['level']) => (
            <Tag color={level === 'breach' ? 'error' : 'warning'}>{t(`wall.sla.${level}`)}</Tag>
          ),
        },
        {
          title: t('wall.col.due'),
          dataIndex: 'dueAt',
          render: (dueAt: string) => {
            const seconds = (Date.parse(dueAt) - now) / 1000;
            return seconds >= 0 ? (
              <span role="timer">{t('wall.dueIn', { time: formatSeconds(seconds, t) })}</span>
            ) : (
              <span className="text-danger">{t('wall.overdueBy', { time: formatSeconds(-seconds, t) })}</span>
            );
          },
        },
        {
          title: t('wall.col.team'),
          dataIndex: 'teamId',
          render: (teamId: string | null) => (teamId ? (teamNames.get(teamId) ?? '') : t('wall.general')),
        },
        {
          title: t('wall.col.assignee'),
          dataIndex: 'assigneeId',
          render: (id: string | null) => (id ? (staffNames.get(id) ?? '') : t('wall.unassigned')),
        },
        {
          title: t('wall.col.actions'),
          key: 'open',
          render: (_: unknown, warning) => (
            <Button size="small" onClick={() => onOpen(warning.conversationId)}>
              {t('wall.open')}
            </Button>
          ),
        },
      ]}
    />
  );
}
