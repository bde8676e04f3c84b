import type { ClientErrorCode } from '../api.ts';
import { Avatar, PriorityChip, ReasonChip, TeamChip } from '../chips.tsx';
import { contactName, toneOf } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { Translate } from '../i18n.ts';
import { fractionLeft, isOver, type PendingOffer, secondsLeft } from '../store/offers.ts';
import { useNow } from '../useNow.ts';

interface Props {
  offers: PendingOffer[];
  onAccept: (conversationId: string) => void;
  onDecline: (conversationId: string) => void;
  onDismiss: (conversationId: string) => void;
}

/** The conversations offered to me, as cards over the foot of the inbox (at the top on phones), each with its countdown. */
export function OfferStack(props: Props) {
  return props.offers.length === 0 ? null : <OfferList {...props} />;
}

/** Mounted only while offers are shown, so the countdown's clock ticks (every second) only then. */
function OfferList({ offers, onAccept, onDecline, onDismiss }: Props) {
  const { t } = useI18n();
  const now = useNow(1_000);
  return (
    <section className="offers" aria-label={t('offer.region')} aria-live="polite">
      {offers.map((offer) => (
        <OfferCard
          key={offer.conversation.id}
          offer={offer}
          now={now}
          onAccept={onAccept}
          onDecline={onDecline}
          onDismiss={onDismiss}
        />
      ))}
    </section>
  );
}

/** Why answering an offer failed, in the reader's words. */
export function offerErrorText(error: ClientErrorCode, t: Translate): string {
  return error === 'already_assigned' ? t('conversation.alreadyTaken') : t(`error.${error}`);
}

interface CardProps {
  offer: PendingOffer;
  now: number;
  onAccept: (conversationId: string) => void;
  onDecline: (conversationId: string) => void;
  onDismiss: (conversationId: string) => void;
}

function OfferCard({ offer, now, onAccept, onDecline, onDismiss }: CardProps) {
  const { t } = useI18n();
  const { conversation } = offer;
  const id = conversation.id;
  const name = contactName(conversation.contact, t);
  const last = conversation.lastMessage;
  const seconds = secondsLeft(offer, now);
  const over = isOver(offer);
  const titleId = `offer-${id}`;
  return (
    <article className={`offer-card${over ? ' is-over' : ''}`} aria-labelledby={titleId}>
      <header className="offer-head">
        <span className="offer-title" id={titleId}>
          {t('offer.title')}
        </span>
        {!over && (
          <span className={`offer-countdown${seconds <= 10 ? ' is-urgent' : ''}`} role="timer">
            {t('offer.secondsLeft', { n: seconds })}
          </span>
        )}
      </header>
      <div className="offer-body">
        <Avatar name={name} tone={toneOf(conversation.contact.id)} />
        <div className="offer-text">
          <span className="offer-name">{name}</span>
          <span className="offer-preview">
            {last ? t(`preview.${last.authorKind}`, { text: last.text }) : t('preview.none')}
          </span>
          <span className="row-chips">
            {conversation.team && <TeamChip team={conversation.team} />}
            {conversation.handoffReason && <ReasonChip reason={conversation.handoffReason} />}
            {conversation.priority > 0 && <PriorityChip priority={conversation.priority} />}
          </span>
        </div>
      </div>
      {!over && (
        <div className="offer-meter" aria-hidden="true">
          <span style={{ width: `${Math.round(fractionLeft(offer, now) * 100)}%` }} />
        </div>
      )}
      {offer.error && (
        <p className="offer-error" role="alert">
          {offerErrorText(offer.error, t)}
        </p>
      )}
      <div className="offer-actions">
        {over ? (
          <button type="button" className="button button-sm" onClick={() => onDismiss(id)}>
            {t('offer.dismiss')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button-sm"
              disabled={offer.busy !== null}
              onClick={() => onDecline(id)}
            >
              {offer.busy === 'decline' ? t('offer.declining') : t('offer.decline')}
            </button>
            <button
              type="button"
              className="button button-primary button-sm"
              disabled={offer.busy !== null}
              onClick={() => onAccept(id)}
            >
              {offer.busy === 'accept' ? t('conversation.accepting') : t('offer.accept')}
            </button>
          </>
        )}
      </div>
    </article>
  );
}
