import type { AgentConversation } from '@tandem/protocol';
import { useI18n } from '../I18nProvider.tsx';

const maxScore = 5;

/** The customer's rating of the conversation (1–5 stars) and their comment, shown as plain text. */
export function CsatSummary({ csat }: { csat: NonNullable<AgentConversation['csat']> }) {
  const { t } = useI18n();
  const score = Math.min(maxScore, Math.max(0, Math.round(csat.score)));
  const label = t('csat.score', { n: score });
  return (
    <section className="csat" aria-label={t('csat.label')}>
      <span className="csat-label">{t('csat.label')}</span>
      <span className="csat-stars" aria-hidden="true">
        {'★'.repeat(score)}
        <span className="csat-off">{'★'.repeat(maxScore - score)}</span>
      </span>
      <span className="csat-score">{label}</span>
      {csat.comment?.trim() && <q className="csat-comment">{csat.comment.trim()}</q>}
    </section>
  );
}
