import { Alert } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import type { Learning } from '../../knowledge/learning.ts';

/** A saved change on its way into the bot: learning it, live, or failed (the previous bot answers). */
export function LearningAlert({ learning, onDismiss }: { learning: Learning; onDismiss: () => void }) {
  const { t } = useI18n();
  const reason = learning.error ? ` ${t('knowledge.failedReason', { error: learning.error })}` : '';
  const props =
    learning.phase === 'learning'
      ? ({ type: 'info', title: t('botModel.learning') } as const)
      : learning.phase === 'live'
        ? ({ type: 'success', title: t('botModel.live') } as const)
        : ({ type: 'error', title: `${t('botModel.failed')}${reason}` } as const);
  return (
    <Alert
      className="learning-alert"
      showIcon
      closable={{ onClose: onDismiss }}
      role={learning.phase === 'failed' ? 'alert' : 'status'}
      {...props}
    />
  );
}
