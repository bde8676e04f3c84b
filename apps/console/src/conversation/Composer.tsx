import { ThunderboltOutlined } from '@ant-design/icons';
import { type CannedReplyView, MAX_MESSAGE_LENGTH } from '@tandem/protocol';
import { Button, Segmented } from 'antd';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { SendOptions } from '../api.ts';
import { AssistPanel } from '../composer/AssistPanel.tsx';
import { AttachButton, AttachmentChips, type PendingAttachment } from '../composer/Attachments.tsx';
import { CannedList } from '../composer/CannedList.tsx';
import { DraftActions } from '../composer/DraftActions.tsx';
import { EmojiButton } from '../composer/EmojiButton.tsx';
import { matchCanned, useCannedReplies } from '../composer/useCannedReplies.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { useShortcuts } from '../keyboard.ts';

/** Whether I may reply to the customer here; internal notes are open to all staff who see the conversation. */
export type ComposerMode =
  | { enabled: true }
  | { enabled: false; hint: Exclude<MessageKey, 'composer.hint.other'> }
  | { enabled: false; hint: 'composer.hint.other'; name: string };

interface Props {
  conversationId: string;
  mode: ComposerMode;
  /** the customer's last message (agent assist follows it); null before they wrote */
  lastCustomerSeq: number | null;
  onSend: (text: string, options: SendOptions) => void;
  onTyping: (typing: boolean) => void;
}

type Kind = 'reply' | 'note';

/** Unsent replies and notes survive switching between conversations. */
const drafts = new Map<string, string>();
const draftKey = (conversationId: string, kind: Kind) => `${conversationId}:${kind}`;

/** Tell the customer we are typing at most this often, and stop after this much idle time. */
const typingRefreshMs = 3_000;
const typingIdleMs = 4_000;

/** "/ref" at the start of the reply, before any space: the canned replies matching "ref". */
const cannedQuery = (text: string) => (/^\/[^\s/]*$/u.test(text) ? text.slice(1) : null);

export function Composer({ conversationId, mode, lastCustomerSeq, onSend, onTyping }: Props) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<Kind>(mode.enabled ? 'reply' : 'note');
  const [text, setText] = useState(() => drafts.get(draftKey(conversationId, kind)) ?? '');
  const [files, setFiles] = useState<PendingAttachment[]>([]);
  const [active, setActive] = useState(0);
  const [pickerClosed, setPickerClosed] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef({ lastSent: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const typingCallback = useRef(onTyping);
  typingCallback.current = onTyping;
  const { canned, load: loadCanned, fill } = useCannedReplies(conversationId);

  /** the agent picked a note while they could reply: keep it when the conversation changes state */
  const notePicked = useRef(false);
  // the box follows what I may do: a reply once the conversation is mine, a note when I may not reply
  useEffect(() => {
    if (!mode.enabled) setKind('note');
    else if (!notePicked.current) setKind('reply');
  }, [mode.enabled]);
  useEffect(() => {
    setText(drafts.get(draftKey(conversationId, kind)) ?? '');
  }, [conversationId, kind]);

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
    drafts.set(draftKey(conversationId, kind), value);
    setPickerClosed(false);
    setActive(0);
    if (cannedQuery(value) !== null) loadCanned();
    // notes are between staff: the customer is not told someone is typing one
    if (kind === 'note') return;
    if (!value.trim()) return stopTyping();
    const now = Date.now();
    if (now - typing.current.lastSent > typingRefreshMs) {
      onTyping(true);
      typing.current.lastSent = now;
    }
    clearTimeout(typing.current.idle);
    typing.current.idle = setTimeout(stopTyping, typingIdleMs);
  };

  const switchKind = (next: Kind) => {
    if (next === kind || (next === 'reply' && !mode.enabled)) return;
    notePicked.current = next === 'note' && mode.enabled;
    stopTyping();
    // a file uploaded for a note stays internal (and one for a reply is not a note's): they do not carry over
    setFiles([]);
    setKind(next);
    input.current?.focus();
  };

  useShortcuts({ n: () => switchKind(kind === 'reply' ? 'note' : 'reply') });

  /** Puts text where the cursor is (emoji) or replaces the whole reply (canned reply, assist answer). */
  const insert = (value: string, replace: boolean) => {
    const box = input.current;
    const start = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? text.length;
    const next = replace ? value : text.slice(0, start) + value + text.slice(end);
    change(next);
    requestAnimationFrame(() => {
      box?.focus();
      const caret = replace ? next.length : start + value.length;
      box?.setSelectionRange(caret, caret);
    });
  };

  const query = pickerClosed ? null : cannedQuery(text);
  const matches = query === null ? [] : matchCanned(canned.replies, query);
  const pick = async (reply: CannedReplyView) => {
    setPickerClosed(true);
    insert(await fill(reply), true);
  };

  const length = text.trim().length;
  const over = length - MAX_MESSAGE_LENGTH;
  const uploading = files.some((file) => file.state === 'uploading');
  const ready = files.filter((file) => file.state === 'ready');
  const canSend =
    (kind === 'note' || mode.enabled) && (length > 0 || ready.length > 0) && over <= 0 && !uploading;

  const send = () => {
    if (!canSend) return;
    onSend(text.trim(), {
      ...(kind === 'note' ? { internal: true } : {}),
      ...(ready.length > 0 ? { attachmentIds: ready.map((file) => file.id) } : {}),
    });
    setText('');
    setFiles([]);
    drafts.delete(draftKey(conversationId, kind));
    stopTyping();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (pinyin) confirms the candidate; it must not send
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (query !== null && matches.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const by = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (index + by + matches.length) % matches.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const chosen = matches[Math.min(active, matches.length - 1)];
        if (chosen) void pick(chosen);
        return;
      }
    }
    if (event.key === 'Escape' && query !== null) {
      event.preventDefault();
      setPickerClosed(true);
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    send();
  };

  const number = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en');
  const hint = mode.enabled
    ? null
    : mode.hint === 'composer.hint.other'
      ? t(mode.hint, { name: mode.name })
      : t(mode.hint);
  return (
    <div className="composer-area">
      {mode.enabled && (
        <AssistPanel
          conversationId={conversationId}
          lastCustomerSeq={lastCustomerSeq}
          onInsert={(answer) => {
            switchKind('reply');
            insert(answer, true);
          }}
        />
      )}
      <form
        className={`composer${kind === 'note' ? ' is-note' : ''}`}
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <div className="composer-head">
          <Segmented
            size="small"
            aria-label={t('composer.kind')}
            value={kind}
            onChange={(value) => switchKind(value as Kind)}
            options={[
              { value: 'reply', label: t('composer.reply'), disabled: !mode.enabled },
              { value: 'note', label: t('composer.note') },
            ]}
          />
          {hint && <span className="composer-hint">{hint}</span>}
          {kind === 'note' && <span className="composer-note-hint">{t('composer.noteHint')}</span>}
        </div>
        {query !== null && (
          <CannedList
            canned={canned}
            matches={matches}
            active={active}
            onPick={(reply) => void pick(reply)}
            onHover={setActive}
          />
        )}
        <textarea
          ref={input}
          value={text}
          rows={3}
          maxLength={MAX_MESSAGE_LENGTH * 2}
          placeholder={t(kind === 'note' ? 'composer.notePlaceholder' : 'composer.placeholder')}
          aria-label={t(kind === 'note' ? 'composer.noteLabel' : 'composer.label')}
          aria-autocomplete="list"
          aria-controls={query !== null ? 'canned-list' : undefined}
          onChange={(event) => change(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={stopTyping}
        />
        <AttachmentChips
          files={files}
          onRemove={(id) => setFiles((list) => list.filter((file) => file.key !== id))}
        />
        <div className="composer-bar">
          <span className="composer-tools">
            <EmojiButton onPick={(emoji) => insert(emoji, false)} />
            <AttachButton conversationId={conversationId} internal={kind === 'note'} onChange={setFiles} />
            {kind === 'reply' && (
              <DraftActions conversationId={conversationId} text={text} onRewrite={change} />
            )}
            <Button
              type="text"
              size="small"
              icon={<ThunderboltOutlined />}
              aria-label={t('canned.title')}
              onClick={() => {
                loadCanned();
                insert('/', true);
              }}
            />
          </span>
          <span className={`composer-count${over > 0 ? ' is-over' : ''}`} aria-live="polite">
            {over > 0
              ? t('composer.tooLong', { n: number.format(over) })
              : t('composer.count', { n: number.format(length), max: number.format(MAX_MESSAGE_LENGTH) })}
          </span>
          <Button type="primary" htmlType="submit" disabled={!canSend}>
            {t(kind === 'note' ? 'composer.addNote' : 'composer.send')}
          </Button>
        </div>
      </form>
    </div>
  );
}
