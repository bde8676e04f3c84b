import type { FlowDraft, FlowTestTurn, Lang } from '@tandem/protocol';
import { Alert, Button, Empty, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import type { MessageKey } from '../../i18n.ts';
import { useFlowTest } from './useFlowTest.ts';

const kindColour: Partial<Record<FlowTestTurn['kind'], string>> = {
  flow: 'blue',
  answer: 'green',
  clarify: 'cyan',
  unknown: 'orange',
  handoff: 'purple',
  blocked: 'red',
  rule: 'gold',
};

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** What the test bot decided in a turn: the flow's node and what it collected, calls, a hand-over. */
function TurnFacts({ turn, draftId }: { turn: FlowTestTurn; draftId: string | null }) {
  const { t } = useI18n();
  const slots = turn.flow?.vars.slots;
  const filled = slots && typeof slots === 'object' ? Object.entries(slots as Record<string, unknown>) : [];
  return (
    <dl className="flow-test-facts">
      <dt>{t('flowTest.decision')}</dt>
      <dd>
        <Tag color={kindColour[turn.kind]}>{t(`flowTest.kind.${turn.kind}`)}</Tag>
        {turn.intent && turn.kind !== 'flow' && <code>{turn.intent.name}</code>}
      </dd>
      {turn.flow && (
        <>
          <dt>{t('flowTest.node')}</dt>
          <dd>
            {turn.flow.id !== draftId && <span>{t('flowTest.otherFlow', { id: turn.flow.id })} · </span>}
            {turn.flow.node ? (
              <code className="flow-test-node">{turn.flow.node}</code>
            ) : (
              t('flowTest.nodeDone', { outcome: t(`flowTest.outcome.${turn.flow.outcome}` as MessageKey) })
            )}
          </dd>
        </>
      )}
      {filled.length > 0 && (
        <>
          <dt>{t('flowTest.slots')}</dt>
          <dd>
            {filled.map(([name, value]) => (
              <Tag key={name} className="flow-test-slot">
                {name} = {shown(value)}
              </Tag>
            ))}
          </dd>
        </>
      )}
      {turn.httpCalls.length > 0 && (
        <>
          <dt>{t('flowTest.calls')}</dt>
          <dd>
            {turn.httpCalls.map((call, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: calls are listed in the order they were made
              <div key={index} className="flow-test-call">
                <code>
                  {call.method} {call.url}
                </code>{' '}
                <span className="muted">
                  {t(call.performed ? 'flowTest.call.sent' : 'flowTest.call.notSent')}
                </span>
              </div>
            ))}
          </dd>
        </>
      )}
      {turn.handover && (
        <>
          <dt>{t('flowTest.handover')}</dt>
          <dd>
            {t(turn.handover.tier === 'expert' ? 'flowEditor.tier.expert' : 'flowEditor.tier.agent')}
            {turn.handover.team ? ` · ${turn.handover.team}` : ''}
            {turn.handover.detail ? ` · ${turn.handover.detail}` : ''}
          </dd>
        </>
      )}
    </dl>
  );
}

interface Props {
  draft: FlowDraft | null;
  /** the draft's flow id, to tell its turns from another flow's */
  draftId: string | null;
  onSessionLost: (error: unknown) => void;
}

/** A test conversation beside the editor: the bot answers with the draft as it is now; nothing is stored. */
export function TestPanel({ draft, draftId, onSessionLost }: Props) {
  const { t } = useI18n();
  const [lang, setLang] = useState<'auto' | Lang>('auto');
  const [text, setText] = useState('');
  const test = useFlowTest(draft, lang === 'auto' ? null : lang, onSessionLost);
  const { result, status } = test;
  const busy = status.state === 'running' || status.state === 'learning';
  const closed = result?.handedOver === true || test.full;
  const sent = test.messages.length;
  // the message box empties once the message is in the conversation (after the bot learnt, if it had to)
  useEffect(() => {
    if (sent > 0) setText('');
  }, [sent]);
  const send = () => {
    const message = text.trim();
    if (message === '' || busy || closed) return;
    void test.send(message);
  };

  return (
    <section className="flow-test" aria-label={t('flowTest.title')}>
      <div className="flow-test-head">
        <Typography.Title level={5}>{t('flowTest.title')}</Typography.Title>
        <Space size={4} wrap>
          <Select
            size="small"
            value={lang}
            onChange={setLang}
            aria-label={t('flowTest.lang')}
            style={{ width: 100 }}
            options={[
              { value: 'auto', label: t('flowTest.auto') },
              { value: 'zh', label: t('lang.zh') },
              { value: 'en', label: t('lang.en') },
            ]}
          />
          <Button
            size="small"
            disabled={busy || test.messages.length === 0}
            onClick={() => void test.rerun()}
          >
            {t('flowTest.rerun')}
          </Button>
          <Button
            size="small"
            disabled={test.messages.length === 0 && status.state === 'idle'}
            onClick={test.restart}
          >
            {t('flowTest.restart')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary" className="flow-test-hint">
        {t('flowTest.hint')}
      </Typography.Paragraph>
      <div className="flow-test-log" role="log" aria-label={t('flowTest.log')}>
        {(result === null || result.turns.length === 0) && test.pending === null ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowTest.empty')} />
        ) : (
          result?.turns.map((turn, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a turn is its place in the conversation
            <div key={index} className="flow-test-turn">
              <div className="flow-test-bubble is-customer">{turn.text}</div>
              {turn.replies.length === 0 && (
                <div className="flow-test-bubble is-bot muted">{t('flowTest.noReply')}</div>
              )}
              {turn.replies.map((reply, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: replies are shown in the order they are sent
                <div key={r} className="flow-test-bubble is-bot">
                  {reply.text}
                  {reply.buttons.length > 0 && (
                    <div className="flow-test-buttons">
                      {reply.buttons.map((button) => (
                        <Tag key={button.payload}>{button.label}</Tag>
                      ))}
                    </div>
                  )}
                </div>
              ))}
              <TurnFacts turn={turn} draftId={draftId} />
            </div>
          ))
        )}
        {test.pending !== null && (
          <div className="flow-test-turn">
            <div className="flow-test-bubble is-customer is-pending">{test.pending}</div>
          </div>
        )}
      </div>
      {test.stale && <Alert type="info" showIcon message={t('flowTest.stale')} className="flow-test-note" />}
      {result?.handedOver && (
        <Alert type="info" showIcon message={t('flowTest.handedOver')} className="flow-test-note" />
      )}
      {test.full && !result?.handedOver && (
        <Alert type="info" showIcon message={t('flowTest.full')} className="flow-test-note" />
      )}
      {status.state === 'learning' && (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          message={t('flowTest.learning')}
          className="flow-test-note"
        />
      )}
      {status.state === 'invalid' && (
        <Alert
          type="error"
          showIcon
          message={t('flowTest.invalid', { n: status.errors })}
          className="flow-test-note"
        />
      )}
      {status.state === 'failed' && (
        <Alert
          type="error"
          showIcon
          className="flow-test-note"
          message={
            status.code === 'conflict' ? t('flowTest.cannotBuild') : t(`error.${status.code}` as MessageKey)
          }
        />
      )}
      <Space.Compact block className="flow-test-input">
        <Input
          value={text}
          maxLength={4000}
          disabled={closed}
          aria-label={t('flowTest.message')}
          placeholder={t('flowTest.placeholder')}
          onChange={(event) => setText(event.target.value)}
          onPressEnter={(event) => {
            event.preventDefault();
            send();
          }}
        />
        <Button type="primary" loading={busy} disabled={closed || text.trim() === ''} onClick={send}>
          {t('flowTest.send')}
        </Button>
      </Space.Compact>
    </section>
  );
}
