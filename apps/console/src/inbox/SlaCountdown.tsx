import type { AgentConversation } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';
import { formatSeconds } from '../supervisor/time.ts';

/** Under this much time left the countdown turns amber. */
const soonSeconds = 120;

/** The running SLA deadline as a countdown chip: amber when close, red once breached. */
export function SlaCountdown({ sla, now }: { sla: NonNullable<AgentConversation['sla']>; now: number }) {
  const { t } = useI18n();
  const left = Math.round((Date.parse(sla.dueAt) - now) / 1000);
  const kind = t(`wall.sla.${sla.kind}`);
  const tone = left < 0 ? 'is-breached' : left < soonSeconds ? 'is-soon' : '';
  return (
    <span className={`row-sla ${tone}`} role="timer" title={t('inbox.slaTitle', { kind })}>
      {left < 0
        ? t('inbox.slaOverdue', { kind, time: formatSeconds(-left, t) })
        : t('inbox.slaLeft', { kind, time: formatSeconds(left, t) })}
    </span>
  );
}
