import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import { isOver, type PendingOffer, secondsLeft } from '../store/offers.ts';
import { useNow } from '../useNow.ts';
import { offerErrorText } from './OfferStack.tsx';

interface Props {
  offer: PendingOffer;
  onDecline: (conversationId: string) => void;
  onDismiss: (conversationId: string) => void;
}

/**
 * The offer of the conversation I have open, in place of its card: how long is left, and Decline (Accept
 * is the header's button).
 */
export function OfferBar({ offer, onDecline, onDismiss }: Props) {
  const { t } = useI18n();
  const now = useNow(1_000);
  const id = offer.conversation.id;
  const over = isOver(offer);
  return (
    <div className={`offer-bar${over ? ' is-over' : ''}`}>
      {!over && (
        <span className="offer-bar-text">
          <ClockCircleOutlined aria-hidden="true" /> {t('offer.openHint', { n: secondsLeft(offer, now) })}
        </span>
      )}
      {offer.error && (
        <Typography.Text type="danger" className="offer-error" role="alert">
          {offerErrorText(offer.error, t)}
        </Typography.Text>
      )}
      {over ? (
        <Button size="small" className="offer-bar-action" onClick={() => onDismiss(id)}>
          {t('offer.dismiss')}
        </Button>
      ) : (
        <Button
          size="small"
          className="offer-bar-action"
          disabled={offer.busy !== null}
          loading={offer.busy === 'decline'}
          onClick={() => onDecline(id)}
        >
          {offer.busy === 'decline' ? t('offer.declining') : t('offer.decline')}
        </Button>
      )}
    </div>
  );
}
