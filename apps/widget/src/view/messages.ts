import type { AttachmentView, Lang, MessageView, QuickReply, SystemNotice } from '@tandem/protocol';
import { t } from '../i18n.ts';
import { fileSize, type PendingMessage, sendErrorKey } from '../state.ts';
import { localeFor, offersLeave, openingText } from '../ticket.ts';
import { button, el, icon } from './dom.ts';

export interface TypingView {
  author: 'bot' | 'agent';
  name: string | null;
}

export interface MessagesView {
  lang: Lang;
  /** the elder-friendly mode: a simpler welcome */
  elder: boolean;
  /** the workspace's own welcome in this language (plain text), or '' for the built-in one */
  greeting: string;
  messages: readonly MessageView[];
  pending: readonly PendingMessage[];
  quick: { messageId: string; buttons: QuickReply[] } | null;
  typing: TypingView | null;
  /** the conversation whose "nobody online" and "closed" notices offer leaving a message, or null */
  leave: string | null;
}

/** The scrolling conversation: welcome, messages, optimistic sends, quick replies, typing dots. */
export interface MessageList {
  readonly node: HTMLElement;
  /** quiet: do not let screen readers re-read everything (used when only the language changed) */
  render(view: MessagesView, options?: { scroll?: boolean; quiet?: boolean }): void;
  scrollToEnd(): void;
  /** Puts the quick replies inside the conversation (null), or right after `after` (elder mode). */
  placeQuick(after: HTMLElement | null): void;
}

type Row = { node: HTMLElement; signature: string };

export function noticeText(
  lang: Lang,
  notice: SystemNotice,
  now: Date = new Date(),
  locale: string = localeFor(lang),
): string {
  const name = notice.agentName?.trim();
  switch (notice.code) {
    case 'queued':
      return t(lang, 'noticeQueued');
    case 'agent_joined':
      return name ? t(lang, 'noticeAgentJoined', { name }) : t(lang, 'noticeAgentJoinedAnon');
    case 'resolved':
      return t(lang, 'noticeResolved');
    case 'reopened':
      return t(lang, 'noticeReopened');
    case 'released':
      return t(lang, 'noticeReleased');
    case 'transferred': {
      const to = name || notice.teamName?.trim();
      return to ? t(lang, 'noticeTransferredTo', { name: to }) : t(lang, 'noticeTransferred');
    }
    case 'agent_left':
      return t(lang, 'noticeAgentLeft');
    case 'back_to_bot':
      return t(lang, 'noticeBackToBot');
    case 'still_queued':
      // (its place in the queue is on the live queue line: a number here would soon be out of date)
      return t(lang, 'noticeStillQueued');
    case 'auto_closed':
      return t(lang, 'noticeAutoClosed');
    case 'no_agents':
      return t(lang, 'noticeNoAgents');
    case 'closed_hours': {
      const when = openingText(notice.opensAt, now, locale);
      return when ? t(lang, 'noticeClosedUntil', { when }) : t(lang, 'noticeClosed');
    }
    case 'ticket_created':
      return t(lang, 'noticeTicket');
    case 'expert_joined':
      return t(lang, name ? 'noticeExpert' : 'noticeAgentJoinedAnon', { name: name ?? '' });
  }
  // a code from a newer server: the caller shows the message's own text
  return '';
}

/** The name shown above a bot or agent message. */
export function authorLabel(lang: Lang, kind: 'bot' | 'agent', name: string | null): string {
  if (kind === 'bot') return t(lang, 'botName');
  return name?.trim() || t(lang, 'agentName');
}

function who(lang: Lang, kind: 'bot' | 'agent', name: string | null, visible: boolean): HTMLElement {
  const label = authorLabel(lang, kind, name);
  if (!visible) return el('div', 'sr', t(lang, 'saidBy', { name: label }));
  const node = el('div', 'who');
  node.append(icon(kind === 'bot' ? 'bot' : 'headset'), el('span', undefined, label));
  return node;
}

function localTime(lang: Lang, iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return at.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function createMessageList(
  handlers: {
    onQuickReply: (reply: QuickReply) => void;
    onRetry: (clientId: string) => void;
    /** the "leave a message" button on a notice */
    onLeave: () => void;
  },
  /** shown right after the messages (the rating prompt, the form to leave a message) */
  footer: HTMLElement[],
  /** the Tandem server's origin: attachment links are paths on it */
  origin: string,
): MessageList {
  const node = el('div', 'log');
  node.setAttribute('role', 'log');
  node.setAttribute('aria-live', 'polite');
  node.setAttribute('aria-relevant', 'additions');
  node.tabIndex = 0;

  const welcome = el('div', 'msg msg-in msg-bot welcome');
  const list = el('ol', 'list');
  const quick = el('div', 'quick');
  const typing = el('div', 'msg msg-in typing');
  node.append(welcome, list, ...footer, quick, typing);

  const rows = new Map<string, Row>();
  let welcomeSignature = '';
  let quickSignature = '';
  let typingSignature = '';
  let quietTimer: ReturnType<typeof setTimeout> | undefined;

  function messageRow(lang: Lang, message: MessageView, showWho: boolean, leave: boolean): HTMLElement {
    const kind = message.author.kind;
    if (kind === 'system') {
      const row = el('li', 'notice', (message.notice && noticeText(lang, message.notice)) || message.text);
      if (leave) {
        const choice = button('leave', handlers.onLeave);
        choice.textContent = t(lang, 'leave');
        row.append(choice);
      }
      return row;
    }
    const row = el('li', `msg ${kind === 'customer' ? 'msg-out' : `msg-in msg-${kind}`}`);
    if (kind === 'customer') row.append(el('span', 'sr', t(lang, 'saidBy', { name: t(lang, 'you') })));
    else row.append(who(lang, kind, message.author.name, showWho));
    if (message.text) {
      const bubble = el('div', 'bubble', message.text);
      const time = localTime(lang, message.createdAt);
      if (time) bubble.title = time;
      row.append(bubble);
    }
    if (message.attachments?.length) row.append(attachments(message.attachments));
    // where a bot answer from documents was taken from
    if (message.sources?.length)
      row.append(el('small', 'src', message.sources.map((s) => s.title).join(' · ')));
    return row;
  }

  /** Images inline (a click opens the full size in a new tab), PDFs as a card with name and size. */
  function attachments(files: AttachmentView[]): HTMLElement {
    const box = el('div', 'atts');
    for (const file of files) {
      const image = file.mime.startsWith('image/');
      const link = el('a', image ? 'att-img' : 'att-file');
      link.href = origin + file.url;
      link.target = '_blank';
      link.rel = 'noreferrer';
      if (image) {
        const img = el('img');
        img.src = link.href;
        img.alt = file.name;
        img.loading = 'lazy';
        link.append(img);
      } else {
        link.append(el('span', undefined, file.name), el('small', undefined, fileSize(file.size)));
      }
      box.append(link);
    }
    return box;
  }

  function pendingRow(lang: Lang, item: PendingMessage): HTMLElement {
    const row = el('li', `msg msg-out msg-${item.status}`);
    row.append(
      el('span', 'sr', t(lang, 'saidBy', { name: t(lang, 'you') })),
      el('div', 'bubble', item.file?.name ?? item.text),
    );
    const meta = el('div', 'meta');
    if (item.status === 'sending') {
      // sent again by itself meanwhile; when the assistant is busy, say so kindly
      const pct = item.progress;
      meta.append(
        el(
          'span',
          undefined,
          pct === undefined
            ? t(lang, item.error === 'busy' ? 'busy' : 'sending')
            : t(lang, 'uploading', { pct }),
        ),
      );
    } else {
      const reason = t(lang, sendErrorKey(item.error ?? 'network'));
      meta.append(el('span', undefined, t(lang, 'notSent', { reason })));
      const retry = button('retry', () => handlers.onRetry(item.clientId));
      retry.textContent = t(lang, 'retry');
      meta.append(retry);
    }
    row.append(meta);
    return row;
  }

  function nearBottom(): boolean {
    return node.scrollHeight - node.scrollTop - node.clientHeight < 120;
  }

  function scrollToEnd(): void {
    node.scrollTop = node.scrollHeight;
  }

  function render(view: MessagesView, options: { scroll?: boolean; quiet?: boolean } = {}): void {
    const { lang } = view;
    const stick = options.scroll === true || nearBottom();
    if (options.quiet) {
      node.setAttribute('aria-live', 'off');
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => node.setAttribute('aria-live', 'polite'), 300);
    }

    const greeting = view.greeting || t(lang, view.elder ? 'elderWelcome' : 'welcome');
    if (welcomeSignature !== lang + greeting) {
      welcomeSignature = lang + greeting;
      welcome.replaceChildren(who(lang, 'bot', null, true), el('div', 'bubble', greeting));
    }

    const wanted: Array<[string, string, () => HTMLElement]> = [];
    let previous: MessageView | null = null;
    for (const message of view.messages) {
      const showWho =
        previous === null ||
        previous.author.kind !== message.author.kind ||
        previous.author.name !== message.author.name;
      const leave = view.leave === message.conversationId && offersLeave(message.notice);
      const signature = `${lang}|${showWho}|${leave}|${message.text}|${JSON.stringify(message.notice)}|${message.attachments?.length}`;
      const current = message;
      wanted.push([`m:${message.id}`, signature, () => messageRow(lang, current, showWho, leave)]);
      previous = message;
    }
    for (const item of view.pending) {
      const signature = `${lang}|${item.status}|${item.error ?? ''}|${item.text}|${item.file?.name}|${item.progress}`;
      wanted.push([`p:${item.clientId}`, signature, () => pendingRow(lang, item)]);
    }

    const keep = new Set(wanted.map(([key]) => key));
    for (const [key, row] of rows) {
      if (!keep.has(key)) {
        row.node.remove();
        rows.delete(key);
      }
    }
    let cursor: ChildNode | null = list.firstChild;
    for (const [key, signature, build] of wanted) {
      let row = rows.get(key);
      if (!row || row.signature !== signature) {
        const fresh = build();
        if (row) {
          if (row.node === cursor) cursor = fresh;
          row.node.replaceWith(fresh);
        }
        row = { node: fresh, signature };
        rows.set(key, row);
      }
      if (row.node !== cursor) list.insertBefore(row.node, cursor);
      cursor = row.node.nextSibling;
    }

    const nextQuick = view.quick
      ? `${lang}|${view.quick.messageId}|${view.quick.buttons.map((b) => `${b.label}\u0000${b.payload}`).join('\u0001')}`
      : '';
    if (nextQuick !== quickSignature) {
      quickSignature = nextQuick;
      quick.replaceChildren(
        ...(view.quick?.buttons ?? []).map((reply) => {
          const choice = button('', () => handlers.onQuickReply(reply));
          choice.textContent = reply.label;
          return choice;
        }),
      );
    }
    quick.hidden = quickSignature === '';

    const nextTyping = view.typing ? `${lang}|${view.typing.author}|${view.typing.name ?? ''}` : '';
    if (nextTyping !== typingSignature) {
      typingSignature = nextTyping;
      typing.className = `msg msg-in typing msg-${view.typing?.author ?? 'bot'}`;
      if (view.typing) {
        const name = authorLabel(lang, view.typing.author, view.typing.name);
        const dots = el('div', 'bubble');
        dots.setAttribute('aria-hidden', 'true');
        dots.append(el('i'), el('i'), el('i'));
        typing.replaceChildren(
          who(lang, view.typing.author, view.typing.name, true),
          dots,
          el('span', 'sr', t(lang, 'typing', { name })),
        );
      } else {
        typing.replaceChildren();
      }
    }
    typing.hidden = typingSignature === '';

    if (stick) scrollToEnd();
  }

  function placeQuick(after: HTMLElement | null): void {
    if (after && quick.previousSibling !== after) after.after(quick);
    else if (!after && quick.parentNode !== node) node.insertBefore(quick, typing);
  }

  return { node, render, scrollToEnd, placeQuick };
}
