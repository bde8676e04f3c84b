import type { DemandTopic } from '@tandem/protocol';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import { Sparkline } from './Sparkline.tsx';

interface Props {
  topic: DemandTopic;
  entries: Array<{ id: string; title: string }>;
  busy: boolean;
  onCreate: (topic: DemandTopic) => void;
  onAdd: (topic: DemandTopic, entryId: string) => void;
}

/** One topic: how often and since when it is asked, how it is asked, who handled it, and the way into the FAQ. */
export function TopicCard({ topic, entries, busy, onCreate, onAdd }: Props) {
  const { t } = useI18n();
  const [target, setTarget] = useState<string | undefined>(undefined);
  return (
    <Card size="small" className="demand-topic" data-topic={topic.id}>
      <div className="demand-topic-head">
        <Typography.Text strong className="demand-topic-title">
          {topic.title}
        </Typography.Text>
        <Space size={4} wrap>
          {topic.isNew && <Tag color="blue">{t('demand.new')}</Tag>}
          {topic.isSpike && <Tag color="red">{t('demand.spike')}</Tag>}
          {topic.coveredBy && <Tag color="green">{t('demand.covered', { entry: topic.coveredBy })}</Tag>}
        </Space>
      </div>
      <div className="demand-topic-figures">
        <Typography.Text>{t('demand.questions', { count: topic.questions })}</Typography.Text>
        <Typography.Text type="secondary">
          {t('demand.recent', { recent: topic.recent, previous: topic.previous })}
        </Typography.Text>
      </div>
      <Sparkline values={topic.trend} label={t('demand.trendLabel', { days: topic.trend.length })} />
      <div className="demand-topic-section">
        <Typography.Text type="secondary">{t('demand.examples')}</Typography.Text>
        <ul className="demand-examples">
          {topic.representatives.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </div>
      <div className="demand-topic-meta">
        {topic.keywords.length > 0 && (
          <span>
            <Typography.Text type="secondary">{t('demand.keywords')}: </Typography.Text>
            {topic.keywords.map((k) => (
              <Tag key={k}>{k}</Tag>
            ))}
          </span>
        )}
        <span>
          <Typography.Text type="secondary">{t('demand.teams')}: </Typography.Text>
          {topic.teams.length === 0
            ? t('demand.noTeam')
            : topic.teams.map((team) => `${team.name} (${team.count})`).join(', ')}
        </span>
        {topic.hasAgentAnswer && <Typography.Text type="success">{t('demand.hasAnswer')}</Typography.Text>}
      </div>
      <div className="demand-topic-actions">
        <Button type={topic.coveredBy ? 'default' : 'primary'} loading={busy} onClick={() => onCreate(topic)}>
          {t('demand.createFaq')}
        </Button>
        <Space.Compact className="demand-add">
          <Select
            showSearch
            allowClear
            className="demand-entry-select"
            placeholder={t('demand.chooseEntry')}
            aria-label={t('demand.addToEntry')}
            value={target}
            onChange={setTarget}
            options={entries.map((e) => ({ value: e.id, label: `${e.title} (${e.id})` }))}
            optionFilterProp="label"
          />
          <Button disabled={!target || busy} onClick={() => target && onAdd(topic, target)}>
            {t('demand.add')}
          </Button>
        </Space.Compact>
      </div>
    </Card>
  );
}
