import { ReloadOutlined } from '@ant-design/icons';
import type { AgentConversation, Me, SupervisorWall, Teammate, TeamView } from '@tandem/protocol';
import { Alert, Button, Card, Col, Empty, Result, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import type { AgentSocket } from '../socket.ts';
import { AgentsTable } from './AgentsTable.tsx';
import { QueueTable } from './QueueTable.tsx';
import { SlaTable } from './SlaTable.tsx';
import { TeamsChart } from './TeamsChart.tsx';
import { formatSeconds } from './time.ts';
import { useWall } from './useWall.ts';

interface Props {
  me: Me;
  socket: AgentSocket | null;
  teams: TeamView[] | null;
  teammates: Teammate[];
  /** the conversations people serve now (from the live inbox) */
  served: AgentConversation[];
  onOpen: (conversationId: string) => void;
  onSessionLost: () => void;
}

function totals(wall: SupervisorWall) {
  const queued = wall.general.queued + wall.teams.reduce((sum, team) => sum + team.queued, 0);
  const longest = Math.max(
    wall.general.longestWaitSeconds,
    ...wall.teams.map((team) => team.longestWaitSeconds),
  );
  const online = wall.agents.filter((agent) => agent.presence === 'online').length;
  const load = wall.agents.reduce((sum, agent) => sum + agent.load, 0);
  const capacity = wall.agents
    .filter((agent) => agent.presence === 'online')
    .reduce((sum, agent) => sum + agent.capacity, 0);
  const breaches = wall.slaWarnings.filter((warning) => warning.level === 'breach').length;
  return { queued, longest, online, load, capacity, breaches };
}

/** The floor at a glance: queues and waits per team, people and their load, SLA warnings, today's CSAT. */
export function SupervisorPage({ me, socket, teams, teammates, served, onOpen, onSessionLost }: Props) {
  const { t, lang } = useI18n();
  const { load, refresh } = useWall(socket, onSessionLost);
  const teamNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const team of load.state === 'ready' ? load.wall.teams : []) names.set(team.id, team.name);
    for (const team of teams ?? []) names.set(team.id, team.name);
    return names;
  }, [load, teams]);
  const staffNames = useMemo(() => new Map(teammates.map((mate) => [mate.id, mate.name])), [teammates]);

  if (load.state === 'loading')
    return (
      <main className="page supervisor" aria-busy="true">
        <div className="page-loading" role="status">
          <Spin /> {t('wall.loading')}
        </div>
      </main>
    );
  if (load.state === 'error')
    return (
      <main className="page supervisor">
        <Result
          status="warning"
          title={t('wall.error')}
          subTitle={t(`error.${load.code}` as Parameters<typeof t>[0])}
          extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>}
        />
      </main>
    );

  const { wall } = load;
  const sum = totals(wall);
  const csat = wall.csatToday;
  return (
    <main className="page supervisor" aria-labelledby="wall-title">
      <div className="page-head">
        <Typography.Title level={3} id="wall-title">
          {t('wall.title')}
        </Typography.Title>
        <Space>
          <Typography.Text type="secondary">
            {t('wall.updated', {
              time: new Date(wall.generatedAt).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en'),
            })}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => void refresh()} aria-label={t('wall.refresh')} />
        </Space>
      </div>
      {load.stale && <Alert type="warning" showIcon message={t('wall.stale')} className="page-alert" />}
      <Row gutter={[12, 12]} className="wall-stats">
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('wall.waiting')}
              value={sum.queued}
              valueStyle={sum.queued > 0 ? { color: '#dc2626' } : undefined}
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('wall.longestWait')} value={formatSeconds(sum.longest, t)} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('wall.online')} value={sum.online} suffix={`/ ${wall.agents.length}`} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('wall.load')} value={sum.load} suffix={`/ ${sum.capacity}`} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('wall.csat', { n: csat.count })}
              value={csat.average === null ? t('common.none') : csat.average.toFixed(2)}
              suffix={csat.average === null ? undefined : '/ 5'}
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('wall.sla')}
              value={wall.slaWarnings.length}
              suffix={
                sum.breaches > 0 ? (
                  <Tag color="error">{t('wall.breaches', { n: sum.breaches })}</Tag>
                ) : undefined
              }
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('wall.teams')}>
            {wall.teams.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wall.noTeams')} />
            ) : (
              <TeamsChart wall={wall} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('wall.queue', { n: wall.queue.length })}>
            <QueueTable
              wall={wall}
              teamNames={teamNames}
              staffNames={staffNames}
              socket={socket}
              meId={me.id}
              onOpen={onOpen}
              onChanged={() => void refresh()}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('wall.agents')}>
            <AgentsTable
              wall={wall}
              teamNames={teamNames}
              served={served}
              socket={socket}
              me={me}
              onOpen={onOpen}
              onChanged={() => void refresh()}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('wall.slaTitle')}>
            <SlaTable wall={wall} teamNames={teamNames} staffNames={staffNames} onOpen={onOpen} />
          </Card>
        </Col>
      </Row>
    </main>
  );
}
