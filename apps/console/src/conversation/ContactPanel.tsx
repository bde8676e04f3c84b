import type { AgentConversation } from '@tandem/protocol';
import type { ReactNode } from 'react';
import { Avatar, PriorityChip, ReasonChip, StatusChip, TeamChip } from '../chips.tsx';
import { attributeLabel, attributeValue, toneOf } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import { formatClock, formatWait } from '../time.ts';
import { EmotionSection } from './EmotionSection.tsx';
import { reasonDetailText } from './HandoffPanel.tsx';

interface Props {
  conversation: AgentConversation;
  name: string;
  now: number;
  overlay: boolean;
  onClose: () => void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Who the customer is and how they got here, so the agent never asks again. */
export function ContactPanel({ conversation, name, now, overlay, onClose }: Props) {
  const { t, lang } = useI18n();
  const { contact } = conversation;
  const attributes = Object.entries(contact.attributes);
  const none = t('common.none');
  const handoffDetail = reasonDetailText(conversation.handoffReason, conversation.handoff?.detail ?? null, t);
  return (
    <aside className={`details${overlay ? ' is-overlay' : ''}`} aria-label={t('details.title')}>
      <div className="details-head">
        <Avatar name={name} tone={toneOf(contact.id)} size="lg" />
        <div>
          <h3>{name}</h3>
          <p className="muted">
            {t('details.language')} ·{' '}
            {t(contact.lang ? `details.lang.${contact.lang}` : 'details.lang.unknown')}
          </p>
        </div>
        {overlay && (
          <button
            type="button"
            className="banner-close"
            aria-label={t('conversation.dismiss')}
            onClick={onClose}
          >
            ×
          </button>
        )}
      </div>

      <section>
        <h4>{t('details.conversation')}</h4>
        <dl>
          <Row label={t('details.status')}>
            <StatusChip status={conversation.status} />
          </Row>
          <Row label={t('details.priority')}>
            <PriorityChip priority={conversation.priority} />
          </Row>
          <Row label={t('details.assignee')}>{conversation.assignee?.name ?? none}</Row>
          <Row label={t('details.team')}>
            {conversation.team ? <TeamChip team={conversation.team} /> : none}
          </Row>
          <Row label={t('details.handoffReason')}>
            {conversation.handoffReason ? <ReasonChip reason={conversation.handoffReason} /> : none}
          </Row>
          {conversation.handoff && (
            <Row label={t('details.handoffTarget')}>
              <span className={`chip${conversation.handoff.tier === 'expert' ? ' chip-expert' : ''}`}>
                {t(conversation.handoff.tier === 'expert' ? 'tier.expert' : 'tier.agent')}
              </span>
              {/* the team it went to shows above; the hand-over's own words, never an engine code */}
              {handoffDetail && <div className="muted">{handoffDetail}</div>}
            </Row>
          )}
          <Row label={t('details.queuedAt')}>
            {conversation.queuedAt ? (
              <>
                {formatClock(conversation.queuedAt, now, lang)}
                {conversation.status === 'queued' && (
                  <span className="muted"> · {formatWait(conversation.queuedAt, now, lang)}</span>
                )}
              </>
            ) : (
              none
            )}
          </Row>
          <Row label={t('details.createdAt')}>{formatClock(conversation.createdAt, now, lang)}</Row>
        </dl>
      </section>

      <EmotionSection emotion={conversation.emotion} now={now} />

      <section>
        <h4>{t('details.attributes')}</h4>
        {attributes.length === 0 ? (
          <p className="muted">{t('details.noAttributes')}</p>
        ) : (
          <dl>
            {attributes.map(([key, value]) => (
              <Row key={key} label={attributeLabel(key, t)}>
                {attributeValue(value, t)}
              </Row>
            ))}
          </dl>
        )}
      </section>

      {conversation.tags.length > 0 && (
        <section>
          <h4>{t('details.tags')}</h4>
          <ul className="tags">
            {conversation.tags.map((tag) => (
              <li key={tag} className="chip chip-tag">
                {tag}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
