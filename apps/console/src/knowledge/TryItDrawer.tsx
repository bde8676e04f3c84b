import type { BotTryResult } from '@tandem/protocol';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { knowledgeApi } from '../apiKnowledge.ts';
import { EmotionChip } from '../chips.tsx';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

const decisionColour = {
  answer: 'green',
  clarify: 'blue',
  dont_know: 'orange',
  handover: 'purple',
  blocked: 'red',
} as const;

type Candidate = BotTryResult['candidates'][number];
const percent = (score: number) => `${Math.round(score * 100)}%`;

/**
 * Try it: a message typed here goes through the bot exactly as a new customer's would (nothing is stored),
 * and the panel shows what it would do and why.
 */
export function TryItDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [lang, setLang] = useState<'auto' | 'zh' | 'en'>('auto');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BotTryResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setProblem(null);
    try {
      setResult(await knowledgeApi.tryIt(text.trim(), lang === 'auto' ? undefined : lang));
    } catch (error) {
      setProblem(t(`error.${errorCodeOf(error)}` as MessageKey));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} width={680} title={t('tryit.title')} className="tryit">
      <Typography.Paragraph type="secondary">{t('tryit.hint')}</Typography.Paragraph>
      <Space.Compact block>
        <Select
          value={lang}
          onChange={setLang}
          style={{ width: 110 }}
          aria-label={t('tryit.lang')}
          options={[
            { value: 'auto', label: t('tryit.auto') },
            { value: 'zh', label: t('lang.zh') },
            { value: 'en', label: t('lang.en') },
          ]}
        />
        <Input
          value={text}
          maxLength={4000}
          aria-label={t('tryit.message')}
          placeholder={t('tryit.placeholder')}
          onChange={(event) => setText(event.target.value)}
          onPressEnter={() => void run()}
        />
        <Button type="primary" loading={busy} onClick={() => void run()} disabled={!text.trim()}>
          {t('tryit.run')}
        </Button>
      </Space.Compact>
      {problem && <Alert className="form-alert tryit-alert" type="error" showIcon message={problem} />}
      {result && <TryItResult result={result} />}
    </Drawer>
  );
}

function TryItResult({ result }: { result: BotTryResult }) {
  const { t } = useI18n();
  return (
    <section className="tryit-result" aria-label={t('tryit.result')}>
      <Descriptions size="small" column={1} bordered className="tryit-summary">
        <Descriptions.Item label={t('tryit.decision')}>
          <Tag color={decisionColour[result.decision]}>{t(`tryit.decision.${result.decision}`)}</Tag>
          <span className="muted">{t(`tryit.stage.${result.stage}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tryit.language')}>{t(`lang.${result.lang}`)}</Descriptions.Item>
        <Descriptions.Item label={t('tryit.intent')}>
          {result.intent ? (
            <span>
              <code>{result.intent.name}</code> · {percent(result.intent.confidence)}
            </span>
          ) : (
            t('tryit.noIntent')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('tryit.emotion')}>
          <EmotionChip emotion={result.emotion} />
          {result.emotion.escalation?.escalate && <Tag color="red">{t('tryit.escalates')}</Tag>}
        </Descriptions.Item>
        {result.entities.length > 0 && (
          <Descriptions.Item label={t('tryit.entities')}>
            <Space size={4} wrap>
              {result.entities.map((entity) => (
                <Tag key={`${entity.type}:${entity.start}`}>
                  {entity.type}: {entity.text}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {result.rules.matched.length > 0 && (
          <Descriptions.Item label={t('tryit.rules')}>
            <Space size={4} wrap>
              {result.rules.matched.map((rule) => (
                <Tag key={rule.id}>{rule.name}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {result.flow && (
          <Descriptions.Item label={t('tryit.flow')}>
            <code>{result.flow.id}</code> ·{' '}
            {result.flow.node ? t('tryit.flowAt', { node: result.flow.node }) : t('tryit.flowDone')}
          </Descriptions.Item>
        )}
        {result.handover && (
          <Descriptions.Item label={t('tryit.handover')}>
            {t(`tryit.tier.${result.handover.tier}`)}
            {result.handover.team ? ` · ${result.handover.team}` : ''} · {result.handover.reason}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} className="tryit-heading">
        {t('tryit.replies')}
      </Typography.Title>
      {result.replies.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tryit.noReply')} />
      ) : (
        <ul className="tryit-replies">
          {result.replies.map((reply, index) => (
            // replies have no id: their order is what the customer sees
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for one result
            <li key={index}>
              <div className="bubble tryit-bubble">{reply.text}</div>
              {reply.buttons.length > 0 && (
                <Space size={4} wrap>
                  {reply.buttons.map((button) => (
                    <Tag key={button.payload}>{button.label}</Tag>
                  ))}
                </Space>
              )}
            </li>
          ))}
        </ul>
      )}
      <Typography.Title level={5} className="tryit-heading">
        {t('tryit.candidates')}
      </Typography.Title>
      <Table<Candidate>
        size="small"
        rowKey={(candidate) => `${candidate.kind}:${candidate.id}`}
        dataSource={result.candidates}
        pagination={false}
        locale={{ emptyText: t('tryit.noCandidates') }}
        columns={[
          {
            title: t('tryit.col.entry'),
            key: 'entry',
            render: (_: unknown, candidate) => (
              <span>
                {candidate.title ?? candidate.id} <code className="muted">{candidate.id}</code>
              </span>
            ),
          },
          { title: t('tryit.col.score'), dataIndex: 'score', width: 80, render: percent },
          { title: t('tryit.col.classifier'), dataIndex: 'classifier', width: 90, render: percent },
          { title: t('tryit.col.lexical'), dataIndex: 'lexical', width: 90, render: percent },
        ]}
      />
    </section>
  );
}
