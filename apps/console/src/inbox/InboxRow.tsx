import type { AgentConversation } from '@tandem/protocol';
import { Avatar, EmotionChip, PriorityChip, ReasonChip, StatusChip, TeamChip } from '../chips.tsx';
import { contactName, toneOf } from '../contact.ts';
import { isNotable } from '../emotion.ts';
import { useI18n } from '../I18nProvider.tsx';
import { formatRelative, formatWait, minutesSince } from '../time.ts';
import { SlaCountdown } from './SlaCountdown.tsx';

interface Props {
  conversation: AgentConversation;
  now: number;
  active: boolean;
  highlighted: boolean;
  /** customer messages not seen yet */
  unread: number;
  meId: string;
  /** staff names by id, for "offered to Li Na" */
  names: ReadonlyMap<string, string>;
  onSelect: (id: string) => void;
}

/** Waits longer than this are shown in the warning colour. */
const longWaitMinutes = 5;

export function InboxRow({ conversation, now, active, highlighted, unread, meId, names, onSelect }: Props) {
  const { t, lang } = useI18n();
  const name = contactName(conversation.contact, t);
  const last = conversation.lastMessage;
  // a message of attachments only has no text: say what it is
  const preview = last
    ? t(`preview.${last.authorKind}`, { text: last.text || t('preview.file') })
    : t('preview.none');
  const activity = last?.createdAt ?? conversation.updatedAt;
  const queued = conversation.status === 'queued';
  const waitingSince = conversation.queuedAt ?? conversation.createdAt;
  const emotion = conversation.emotion;
  const offer = queued ? conversation.offer : null;
  const offeredToMe = offer?.userId === meId;
  const offeredTo = offer && !offeredToMe ? names.get(offer.userId) : undefined;
  const classes = ['row', active && 'is-active', highlighted && 'is-new', offeredToMe && 'is-offered']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-current={active ? 'true' : undefined}
      onClick={() => onSelect(conversation.id)}
    >
      <Avatar name={name} tone={toneOf(conversation.contact.id)} />
      <span className="row-main">
        <span className="row-top">
          <span className="row-name">{name}</span>
          {highlighted && <span className="row-new">{t('inbox.newQueued')}</span>}
          <time className="row-time" dateTime={activity}>
            {formatRelative(activity, now, lang)}
          </time>
          {unread > 0 && (
            <span className="row-unread" title={t('inbox.unread', { n: unread })}>
              {unread > 99 ? '99+' : unread}
              <span className="sr-only">{t('inbox.unread', { n: unread })}</span>
            </span>
          )}
        </span>
        <span className="row-preview">{preview}</span>
        <span className="row-chips">
          <StatusChip status={conversation.status} />
          {conversation.team && <TeamChip team={conversation.team} />}
          {conversation.handoffReason && <ReasonChip reason={conversation.handoffReason} />}
          {emotion && isNotable(emotion.current) && (
            <EmotionChip emotion={emotion.current} trend={emotion.trend} />
          )}
          {queued && <PriorityChip priority={conversation.priority} />}
          {queued && (
            <span
              className={`row-wait${minutesSince(waitingSince, now) >= longWaitMinutes ? ' is-long' : ''}`}
            >
              {formatWait(waitingSince, now, lang)}
            </span>
          )}
          {conversation.sla && <SlaCountdown sla={conversation.sla} now={now} />}
          {offer && (
            <span className={`row-offer${offeredToMe ? ' is-mine' : ''}`}>
              {offeredToMe
                ? t('inbox.offeredToYou')
                : offeredTo
                  ? t('inbox.offeredTo', { name: offeredTo })
                  : t('inbox.offeredToSomeone')}
            </span>
          )}
        </span>
      </span>
    </button>
  );
}
