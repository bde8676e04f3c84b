import type { AgentConversation, ConversationStatus, HandoffReason, MessageEmotion } from '@tandem/protocol';
import { initialOf } from './contact.ts';
import { emotionLabel } from './emotion.ts';
import { useI18n } from './I18nProvider.tsx';

export function StatusChip({ status }: { status: ConversationStatus }) {
  const { t } = useI18n();
  return <span className={`chip chip-status-${status}`}>{t(`status.${status}`)}</span>;
}

export function ReasonChip({ reason }: { reason: HandoffReason }) {
  const { t } = useI18n();
  return <span className="chip chip-reason">{t(`reason.${reason}`)}</span>;
}

export function PriorityChip({ priority }: { priority: number }) {
  const { t } = useI18n();
  if (priority <= 0) return <span className="chip chip-muted">{t('priority.normal')}</span>;
  return <span className="chip chip-priority">{t('priority.high', { n: priority })}</span>;
}

/** The team whose queue the conversation is in; the expert tier stands out. */
export function TeamChip({ team }: { team: NonNullable<AgentConversation['team']> }) {
  const { t } = useI18n();
  return (
    <span
      className={`chip chip-team${team.tier === 2 ? ' chip-expert' : ''}`}
      title={t(team.tier === 2 ? 'team.chipExpert' : 'team.chip', { name: team.name })}
    >
      {team.name}
    </span>
  );
}

type Trend = NonNullable<AgentConversation['emotion']>['trend'];

/** The customer's emotion, coloured by polarity; with a trend only when it is worth a glance. */
export function EmotionChip({ emotion, trend }: { emotion: MessageEmotion; trend?: Trend }) {
  const { t } = useI18n();
  const label = emotionLabel(emotion, t);
  return (
    <span className={`chip chip-emotion-${emotion.polarity}`} title={t('emotion.label', { state: label })}>
      {label}
      {trend && trend !== 'steady' && (
        <span className={`chip-trend trend-${trend}`}>
          {trend === 'worsening' ? '↓' : '↑'} {t(`emotion.trend.${trend}`)}
        </span>
      )}
    </span>
  );
}

export function Avatar({
  name,
  tone,
  size = 'md',
}: {
  name: string;
  tone: number;
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <span className={`avatar avatar-${size} tone-${tone}`} aria-hidden="true">
      {initialOf(name)}
    </span>
  );
}
