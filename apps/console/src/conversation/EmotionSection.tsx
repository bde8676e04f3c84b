import type { AgentConversation } from '@tandem/protocol';
import { EmotionChip } from '../chips.tsx';
import { emotionLabel, intensityPercent, isNotable } from '../emotion.ts';
import { useI18n } from '../I18nProvider.tsx';
import { formatClock } from '../time.ts';

/** How many past readings the panel lists, newest first. */
const historyShown = 5;

/** The customer's emotion now, where it is heading, and its last changes: warmth starts with noticing. */
export function EmotionSection({ emotion, now }: { emotion: AgentConversation['emotion']; now: number }) {
  const { t, lang } = useI18n();
  const recent = emotion ? emotion.history.slice(-historyShown).reverse() : [];
  return (
    <section>
      <h4>{t('details.emotion')}</h4>
      {!emotion || (!isNotable(emotion.current) && emotion.history.every((item) => !isNotable(item))) ? (
        <p className="muted">{t('details.noEmotion')}</p>
      ) : (
        <>
          <dl>
            <div className="detail-row">
              <dt>{t('details.emotionNow')}</dt>
              <dd className="emotion-now">
                <EmotionChip emotion={emotion.current} />
                {isNotable(emotion.current) && (
                  <span className="emotion-strength">
                    <span className={`meter meter-${emotion.current.polarity}`} aria-hidden="true">
                      <span style={{ width: `${intensityPercent(emotion.current.intensity)}%` }} />
                    </span>
                    <span className="muted">
                      {t('emotion.intensity', { n: intensityPercent(emotion.current.intensity) })}
                    </span>
                  </span>
                )}
              </dd>
            </div>
            <div className="detail-row">
              <dt>{t('details.emotionTrend')}</dt>
              <dd className={`trend-${emotion.trend}`}>{t(`emotion.trend.${emotion.trend}`)}</dd>
            </div>
          </dl>
          {recent.length > 1 && (
            <ol className="emotion-history" aria-label={t('details.emotionHistory')}>
              {recent.map((item) => (
                <li key={`${item.at}:${item.state}`}>
                  <time dateTime={item.at}>{formatClock(item.at, now, lang)}</time>
                  <span className={`dot dot-${item.polarity}`} aria-hidden="true" />
                  <span>{emotionLabel(item, t)}</span>
                  <span className="muted">
                    {t('emotion.intensity', { n: intensityPercent(item.intensity) })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
