import { Alert, Button, Card, Progress, Typography } from 'antd';
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
    <Card
      size="small"
      className={`offer-card${over ? ' is-over' : ''}`}
      aria-labelledby={titleId}
      role="article"
      title={
        <span className="offer-title" id={titleId}>
          {t('offer.title')}
        </span>
      }
      extra={
        over ? null : (
          <span className={`offer-countdown${seconds <= 10 ? ' is-urgent' : ''}`} role="timer">
            {t('offer.secondsLeft', { n: seconds })}
          </span>
        )
      }
      actions={[
        <div key="actions" className="offer-actions">
          {over ? (
            <Button size="small" onClick={() => onDismiss(id)}>
              {t('offer.dismiss')}
            </Button>
          ) : (
            <>
              <Button
                size="small"
                disabled={offer.busy !== null}
                loading={offer.busy === 'decline'}
                onClick={() => onDecline(id)}
              >
                {offer.busy === 'decline' ? t('offer.declining') : t('offer.decline')}
              </Button>
              <Button
                size="small"
                type="primary"
                disabled={offer.busy !== null}
                loading={offer.busy === 'accept'}
                onClick={() => onAccept(id)}
              >
                {offer.busy === 'accept' ? t('conversation.accepting') : t('offer.accept')}
              </Button>
            </>
          )}
        </div>,
      ]}
    >
      <div className="offer-body">
        <Avatar name={name} tone={toneOf(conversation.contact.id)} />
        <div className="offer-text">
          <Typography.Text strong className="offer-name">
            {name}
          </Typography.Text>
          <span className="offer-preview">
            {last
              ? t(`preview.${last.authorKind}`, { text: last.text || t('preview.file') })
              : t('preview.none')}
          </span>
          <span className="row-chips">
            {conversation.team && <TeamChip team={conversation.team} />}
            {conversation.handoffReason && <ReasonChip reason={conversation.handoffReason} />}
            {conversation.priority > 0 && <PriorityChip priority={conversation.priority} />}
          </span>
        </div>
      </div>
      {!over && (
        <Progress
          className="offer-meter"
          percent={Math.round(fractionLeft(offer, now) * 100)}
          showInfo={false}
          size="small"
          status={seconds <= 10 ? 'exception' : 'active'}
          aria-hidden="true"
        />
      )}
      {offer.error && (
        <Alert className="offer-error" type="error" showIcon title={offerErrorText(offer.error, t)} />
      )}
    </Card>
  );
}
