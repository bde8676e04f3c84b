import type { HandoffPacket, HandoffReason } from '@tandem/protocol';
import {
  Alert,
  Button,
  Collapse,
  Descriptions,
  type DescriptionsProps,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, type ClientErrorCode, errorCodeOf } from '../api.ts';
import { EmotionChip, ReasonChip } from '../chips.tsx';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey, Translate } from '../i18n.ts';
import { formatClock } from '../time.ts';
import { detailKey, earlierConversations } from './handoff.ts';
import { ModelSummary } from './ModelSummary.tsx';

interface Props {
  conversationId: string;
  /** refetched when the conversation changes state (queued → assigned, transferred…) */
  status: string;
  now: number;
}

type Load =
  | { state: 'loading' }
  | { state: 'ready'; packet: HandoffPacket }
  | { state: 'error'; code: ClientErrorCode };

const escalations = new Set([
  'high_anger',
  'urgency',
  'complaint',
  'threat_to_leave',
  'public_complaint',
  'distress',
  'repeated_frustration',
  'emotion',
]);
const flowOutcomes = new Set(['waiting', 'ended', 'cancelled', 'handover', 'digressed', 'failed']);

/**
 * A hand-over's detail in words: the emotion hand-over's reason is the engine's code (`high_anger`), shown
 * in the reader's words or not at all; any other detail (a flow's or rule's reason, a transfer note) is text.
 */
export function reasonDetailText(
  reason: HandoffReason | null,
  detail: string | null,
  t: Translate,
): string | null {
  if (!detail) return null;
  if (reason !== 'emotion') return detail;
  return escalations.has(detail) ? t(`handoff.escalation.${detail}` as MessageKey) : null;
}

/** What the person taking over needs to know, so the customer never repeats themselves: compact, collapsible. */
export function HandoffPanel({ conversationId, status, now }: Props) {
  const { t, lang } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: status and attempt only trigger a new fetch
  useEffect(() => {
    let cancelled = false;
    api.handoff(conversationId, lang).then(
      (packet) => !cancelled && setLoad({ state: 'ready', packet }),
      (error) => !cancelled && setLoad({ state: 'error', code: errorCodeOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, lang, status, attempt]);

  const body =
    load.state === 'loading' ? (
      <div role="status">
        <span className="sr-only">{t('handoff.loading')}</span>
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      </div>
    ) : load.state === 'error' ? (
      <Alert
        type="error"
        showIcon
        title={t('handoff.error')}
        description={t(`error.${load.code}`)}
        action={
          <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </Button>
        }
      />
    ) : (
      <>
        <HandoffBody packet={load.packet} now={now} />
        <ModelSummary conversationId={conversationId} />
      </>
    );
  // the whole summary as one paragraph, to paste into a ticket or a note
  const copy =
    load.state === 'ready' ? (
      // biome-ignore lint/a11y/noStaticElementInteractions: only keeps the click from folding the panel
      // biome-ignore lint/a11y/useKeyWithClickEvents: the copy button inside has its own keys
      <span onClick={(event) => event.stopPropagation()}>
        <Typography.Text
          className="handoff-copy"
          copyable={{ text: load.packet.summary.text, tooltips: [t('handoff.copy'), t('handoff.copied')] }}
        />
      </span>
    ) : null;
  return (
    <Collapse
      className="handoff-panel"
      size="small"
      ghost
      defaultActiveKey={['packet']}
      items={[{ key: 'packet', label: t('handoff.title'), extra: copy, children: body }]}
    />
  );
}

function HandoffBody({ packet, now }: { packet: HandoffPacket; now: number }) {
  const { t, lang } = useI18n();
  const { summary, emotion, tickets, reason } = packet;
  const earlier = earlierConversations(packet);
  const detail = reasonDetailText(reason.code, reason.detail, t);
  const to = [reason.tier ? t(`tier.${reason.tier}`) : null, reason.team].filter(Boolean).join(' · ');
  const items: DescriptionsProps['items'] = [];
  if (summary.intent) {
    const outcome = summary.intent.flow?.outcome;
    items.push({
      key: 'intent',
      label: t('handoff.intent'),
      children: (
        <span className="handoff-line">
          <span>{summary.intent.label}</span>
          {outcome && flowOutcomes.has(outcome) && (
            <Tag bordered={false}>{t(`handoff.flow.${outcome}` as MessageKey)}</Tag>
          )}
        </span>
      ),
    });
  }
  if (summary.botAnswered.length > 0)
    items.push({
      key: 'answered',
      label: t('handoff.answered'),
      children: (
        <ul className="handoff-list">
          {summary.botAnswered.map((answer) => (
            <li key={answer.seq}>
              {answer.question && <q>{answer.question}</q>}{' '}
              <Typography.Text type="secondary">{answer.answer}</Typography.Text>
            </li>
          ))}
        </ul>
      ),
    });
  if (summary.customerNeeds.length > 0)
    items.push({
      key: 'needs',
      label: t('handoff.needs'),
      children: (
        <ul className="handoff-list">
          {summary.customerNeeds.map((need) => (
            <li key={need.seq}>
              <q>{need.text}</q>
            </li>
          ))}
        </ul>
      ),
    });
  if (summary.details.length > 0)
    items.push({
      key: 'details',
      label: t('handoff.details'),
      children: (
        <ul className="handoff-list">
          {summary.details.map((item) => (
            <li key={`${item.type}:${item.text}`}>
              <Typography.Text type="secondary">{t(detailKey(item.type))}</Typography.Text>{' '}
              <span className="handoff-value">{item.text}</span>
            </li>
          ))}
        </ul>
      ),
    });
  if (emotion)
    items.push({
      key: 'emotion',
      label: t('handoff.emotion'),
      children: (
        <span className="handoff-line">
          <EmotionChip emotion={emotion.current} />
          <span className={`trend-${emotion.trend}`}>{t(`emotion.trend.${emotion.trend}`)}</span>
        </span>
      ),
    });
  if (reason.code)
    items.push({
      key: 'reason',
      label: t('handoff.reason'),
      children: (
        <span className="handoff-line">
          <ReasonChip reason={reason.code} />
          {to && <span>{t('handoff.to', { to })}</span>}
          {detail && <q className="handoff-detail">{detail}</q>}
        </span>
      ),
    });
  if (earlier.length > 0)
    items.push({
      key: 'earlier',
      label: t('handoff.previous', { n: earlier.length }),
      children: (
        <ul className="handoff-list">
          {earlier.slice(0, 3).map((item) => (
            <li key={item.id}>
              <time dateTime={item.createdAt}>{formatClock(item.createdAt, now, lang)}</time>{' '}
              <span>{item.firstMessage ?? t('handoff.noFirstMessage')}</span>
            </li>
          ))}
        </ul>
      ),
    });
  if (tickets.length > 0)
    items.push({
      key: 'tickets',
      label: t('handoff.tickets', { n: tickets.length }),
      children: (
        <ul className="handoff-list">
          {tickets.slice(0, 3).map((ticket) => (
            <li key={ticket.id}>
              <time dateTime={ticket.createdAt}>{formatClock(ticket.createdAt, now, lang)}</time>{' '}
              <Tag bordered={false}>{t(`tickets.status.${ticket.status}`)}</Tag>
              <span>{ticket.message}</span>
            </li>
          ))}
        </ul>
      ),
    });
  return items.length > 0 ? (
    <Descriptions className="handoff-facts" size="small" column={1} colon={false} items={items} />
  ) : (
    <Typography.Paragraph className="handoff-text">{summary.text}</Typography.Paragraph>
  );
}
