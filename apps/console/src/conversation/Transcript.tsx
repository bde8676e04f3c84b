import type { MessageView, Role } from '@tandem/protocol';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import type { PendingMessage } from '../store/messages.ts';
import { lastReceiptSeq, receiptOf } from '../store/receipts.ts';
import { formatClock } from '../time.ts';
import { MessageItem, PendingItem, SystemNotice } from './MessageItem.tsx';

interface Props {
  messages: MessageView[];
  pending: PendingMessage[];
  loading: boolean;
  contactName: string;
  myName: string;
  /** staff roles by id: an expert's and a supervisor's messages are marked as theirs */
  roles?: ReadonlyMap<string, Role>;
  customerTyping: boolean;
  /** read receipts: the highest seq the customer has seen (0: none yet) */
  readSeq?: number;
  now: number;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** Messages from the same author within this window share one author line. */
const groupWindowMs = 3 * 60_000;

function continues(previous: MessageView | undefined, message: MessageView): boolean {
  if (!previous || previous.author.kind === 'system' || message.author.kind === 'system') return false;
  if (previous.author.kind !== message.author.kind || previous.author.name !== message.author.name)
    return false;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) < groupWindowMs;
}

function receiptAt(message: MessageView, readSeq: number, wordedSeq: number | null) {
  const state = receiptOf(message, readSeq);
  return state ? { state, worded: message.seq === wordedSeq } : null;
}

export function Transcript(props: Props) {
  const { messages, pending, now } = props;
  const { t, lang } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const shown = useRef({ items: -1, pending: pending.length });
  const items = messages.length + pending.length + (props.customerTyping ? 1 : 0);
  const readSeq = props.readSeq ?? 0;
  // the latest of our messages says "Sent" / "Read" in words; earlier ones only show ticks
  const wordedSeq = useMemo(() => lastReceiptSeq(messages), [messages]);

  // follow new messages while the reader is at the bottom; always follow one's own new reply
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || items === shown.current.items) return;
    const sentOne = pending.length > shown.current.pending;
    shown.current = { items, pending: pending.length };
    if (pinned.current || sentOne) element.scrollTop = element.scrollHeight;
  }, [items, pending.length]);

  // keep the latest message in view when the pane changes size (window resize, composer growing)
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = scroller.current;
    if (element) pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
  };

  return (
    <div
      className="transcript"
      ref={scroller}
      onScroll={onScroll}
      role="log"
      aria-label={t('transcript.label')}
    >
      {messages.length === 0 && pending.length === 0 ? (
        <p className="transcript-empty">
          {props.loading ? <span className="spinner" aria-hidden="true" /> : null}
          {props.loading ? t('conversation.loading') : t('transcript.empty')}
        </p>
      ) : (
        <ol className="messages">
          {messages.map((message, index) =>
            message.author.kind === 'system' ? (
              <SystemNotice
                key={message.id}
                message={message}
                time={formatClock(message.createdAt, now, lang)}
              />
            ) : (
              <MessageItem
                key={message.id}
                message={message}
                contactName={props.contactName}
                continued={continues(messages[index - 1], message)}
                role={message.author.id ? props.roles?.get(message.author.id) : undefined}
                time={formatClock(message.createdAt, now, lang)}
                receipt={receiptAt(message, readSeq, wordedSeq)}
              />
            ),
          )}
          {pending.map((message) => (
            <PendingItem
              key={message.clientId}
              message={message}
              myName={props.myName}
              time={formatClock(message.createdAt, now, lang)}
              onRetry={props.onRetry}
              onDiscard={props.onDiscard}
            />
          ))}
        </ol>
      )}
      {props.customerTyping && (
        <p className="typing" role="status">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('transcript.typing')}
        </p>
      )}
    </div>
  );
}
