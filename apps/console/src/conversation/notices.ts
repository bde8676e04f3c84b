import type { SystemNotice as Notice } from '@tandem/protocol';
import type { Translate } from '../i18n.ts';

/**
 * System notices are codes; they are worded here, in the reader's language. `formatTime` words a time the
 * notice carries (when business hours start again).
 */
export function noticeText(
  notice: Notice | null,
  fallback: string,
  t: Translate,
  formatTime: (iso: string) => string = (iso) => iso,
): string {
  if (!notice) return fallback;
  const name = notice.agentName?.trim();
  const team = notice.teamName?.trim();
  switch (notice.code) {
    case 'queued':
      return team ? t('notice.queued.team', { team }) : t('notice.queued');
    case 'reopened':
      return name ? t('notice.reopened.by', { name }) : t('notice.reopened');
    case 'agent_joined':
      return name ? t('notice.agent_joined', { name }) : t('notice.agent_joined.anon');
    case 'resolved':
      return name ? t('notice.resolved.by', { name }) : t('notice.resolved');
    case 'released':
      return name ? t('notice.released', { name }) : t('notice.released.anon');
    case 'transferred':
      if (name) return t('notice.transferred.agent', { name });
      return team ? t('notice.transferred.team', { team }) : t('notice.transferred');
    case 'agent_left':
      return name ? t('notice.agent_left', { name }) : t('notice.agent_left.anon');
    case 'back_to_bot':
      return t('notice.back_to_bot');
    case 'still_queued':
      return notice.position !== undefined && notice.position > 0
        ? t('notice.still_queued', { n: notice.position })
        : t('notice.still_queued.anon');
    case 'no_agents':
      return t('notice.no_agents');
    case 'closed_hours': {
      const opensAt = notice.opensAt ? formatTime(notice.opensAt) : '';
      return opensAt ? t('notice.closed_hours', { time: opensAt }) : t('notice.closed_hours.anon');
    }
    case 'ticket_created':
      return t('notice.ticket_created');
    case 'expert_joined':
      return name ? t('notice.expert_joined', { name }) : t('notice.expert_joined.anon');
    case 'auto_closed':
      return t('notice.auto_closed');
  }
}
