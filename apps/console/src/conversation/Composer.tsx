import { MAX_MESSAGE_LENGTH } from '@tandem/protocol';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

export type ComposerMode =
  | { enabled: true }
  | { enabled: false; hint: Exclude<MessageKey, 'composer.hint.other'> }
  | { enabled: false; hint: 'composer.hint.other'; name: string };

interface Props {
  conversationId: string;
  mode: ComposerMode;
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
}

/** Unsent replies survive switching between conversations. */
const drafts = new Map<string, string>();

/** Tell the customer we are typing at most this often, and stop after this much idle time. */
const typingRefreshMs = 3_000;
const typingIdleMs = 4_000;

export function Composer({ conversationId, mode, onSend, onTyping }: Props) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const typing = useRef({ lastSent: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const typingCallback = useRef(onTyping);
  typingCallback.current = onTyping;

  useEffect(() => {
    const state = typing.current;
    return () => {
      clearTimeout(state.idle);
      if (state.lastSent) typingCallback.current(false);
    };
  }, []);

  const stopTyping = () => {
    clearTimeout(typing.current.idle);
    if (typing.current.lastSent) onTyping(false);
    typing.current.lastSent = 0;
  };

  const change = (value: string) => {
    setText(value);
    drafts.set(conversationId, value);
    if (!value.trim()) return stopTyping();
    const now = Date.now();
    if (now - typing.current.lastSent > typingRefreshMs) {
      onTyping(true);
      typing.current.lastSent = now;
    }
    clearTimeout(typing.current.idle);
    typing.current.idle = setTimeout(stopTyping, typingIdleMs);
  };

  const length = text.trim().length;
  const over = length - MAX_MESSAGE_LENGTH;
  const canSend = mode.enabled && length > 0 && over <= 0;

  const send = () => {
    if (!canSend) return;
    onSend(text.trim());
    setText('');
    drafts.delete(conversationId);
    stopTyping();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (pinyin) confirms the candidate; it must not send
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229)
      return;
    event.preventDefault();
    send();
  };

  if (!mode.enabled) {
    return (
      <div className="composer composer-disabled">
        <p className="composer-hint">
          {mode.hint === 'composer.hint.other' ? t(mode.hint, { name: mode.name }) : t(mode.hint)}
        </p>
      </div>
    );
  }

  const number = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en');
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        value={text}
        rows={3}
        maxLength={MAX_MESSAGE_LENGTH * 2}
        placeholder={t('composer.placeholder')}
        aria-label={t('composer.label')}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
      />
      <div className="composer-bar">
        <span className={`composer-count${over > 0 ? ' is-over' : ''}`} aria-live="polite">
          {over > 0
            ? t('composer.tooLong', { n: number.format(over) })
            : t('composer.count', { n: number.format(length), max: number.format(MAX_MESSAGE_LENGTH) })}
        </span>
        <button type="submit" className="button button-primary" disabled={!canSend}>
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
