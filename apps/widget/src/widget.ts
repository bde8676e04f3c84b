import {
  type BotStream,
  defaultWidgetAppearance,
  type Lang,
  MAX_MESSAGE_LENGTH,
  type MessageView,
  type QueueStatus,
  type QuickReply,
  type WidgetConversation,
  type WidgetSession,
  type WidgetSessionBody,
} from '@tandem/protocol';
import { ApiError, fetchAppearance, fetchSession, uploadFile } from './api.ts';
import { brandStyle, readAppearance } from './appearance.ts';
import { chooseLang, type EmbedConfig, elderMode, toLang } from './config.ts';
import { type MessageKey, t, type Vars } from './i18n.ts';
import {
  connectWidget,
  createTicket,
  offline,
  rateConversation,
  requestHandoff,
  sendMessage,
  syncSince,
  type WidgetSocket,
  whenConnected,
} from './socket.ts';
import {
  afterSendFailure,
  applyStream,
  botAnswersNext,
  type CsatStep,
  countUnread,
  csatStep,
  currentQuickReplies,
  elderQuickReplies,
  fileSize,
  lastSeq,
  latestTime,
  mergeMessages,
  newClientId,
  type PendingMessage,
  queueText,
  type SendError,
  sendErrorKey,
  settlePending,
  toResend,
  updatePending,
  withPerson,
} from './state.ts';
import { keys, readItem, writeItem } from './storage.ts';
import { styles } from './styles.css.ts';
import { leaveOffer, type Problems, refusalProblems, type TicketPayload } from './ticket.ts';
import { type Composer, createComposer, type HandoffState } from './view/composer.ts';
import { type Csat, createCsat } from './view/csat.ts';
import { button, el, setText } from './view/dom.ts';
import { createHeader, type Header, type StatusTone } from './view/header.ts';
import { createLauncher, type Launcher } from './view/launcher.ts';
import { createMessageList, type MessageList, type TypingView } from './view/messages.ts';
import { createTicketForm, type TicketForm } from './view/ticket.ts';

type Connection = 'idle' | 'connecting' | 'online' | 'offline' | 'unavailable';
type Notice = { key: MessageKey; vars?: Vars };

/** How long to show the bot "typing" after a send if its answer has not come yet. */
const BOT_TYPING_MS = 12_000;
/** A remote typing indicator with no update for this long is stale. */
const REMOTE_TYPING_MS = 8_000;
const MAX_AUTH_RETRIES = 3;

/**
 * The widget: state, server connection and views, wired together. Its members are `#private`, which the
 * minifier may rename (TypeScript's `private` names stay in the bundle): about 0.3 kB gzipped less.
 */
export class Widget {
  readonly #config: EmbedConfig;
  #lang!: Lang;
  /** the elder-friendly mode: larger text, higher contrast, the person button first, fewer choices */
  #elder!: boolean;
  #isOpen = false;
  #title: string | null = null;
  #visitorToken: string | null;
  #conversation: WidgetConversation | null = null;
  /** the customer's place in the queue (shown while the conversation is queued) */
  #queue: QueueStatus | null = null;
  /** the last conversation rated from this browser, and this page view's rating in progress or done */
  #ratedId: string | null;
  #rating: { id: string; step: CsatStep } | null = null;
  /** whether the form to leave a message is open */
  #ticketOpen = false;
  #messages: MessageView[] = [];
  /** a bot answer being written (`bot:stream`), until its stored message arrives */
  #stream: BotStream | null = null;
  #pending: PendingMessage[] = [];
  /** per unacknowledged message: its current try (a failure of an older try is ignored) */
  #attempts = new Map<string, number>();
  #attemptCount = 0;
  /** per unacknowledged message: the timer of its next automatic try */
  #resendTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #connection: Connection = 'idle';
  #unavailable: Notice | null = null;
  #error: Notice | null = null;
  #handoffBusy = false;
  #readUntil: string | null;
  #unread = 0;
  /** read receipts: told to the server shortly after the customer saw new messages */
  #readTimer: ReturnType<typeof setTimeout> | undefined;
  #awaitingBot = false;
  #awaitingTimer: ReturnType<typeof setTimeout> | undefined;
  #remoteTyping: TypingView | null = null;
  #remoteTypingTimer: ReturnType<typeof setTimeout> | undefined;
  #typingSent = 0;
  #typingStopTimer: ReturnType<typeof setTimeout> | undefined;
  #socket: WidgetSocket | null = null;
  #hasConnected = false;
  #authRetries = 0;
  #starting: Promise<boolean> | null = null;
  #savedOverflow: string | null = null;
  /** the largest attachment the server takes (told by the session) */
  #maxBytes = 5 << 20;
  #shadow: ShadowRoot | null = null;
  readonly #browserLanguages: readonly string[];
  /** the workspace's look (colour, corner, greeting, languages), as its admins set it: from the server */
  #look = defaultWidgetAppearance;

  readonly #root: HTMLElement;
  readonly #panel: HTMLElement;
  readonly #banner: HTMLElement;
  readonly #bannerText: HTMLElement;
  readonly #bannerButton: HTMLButtonElement;
  readonly #queueBar: HTMLElement;
  readonly #queueLine: HTMLElement;
  readonly #queueLeave: HTMLButtonElement;
  readonly #csat: Csat;
  readonly #ticketForm: TicketForm;
  readonly #launcher: Launcher;
  readonly #header: Header;
  readonly #list: MessageList;
  readonly #composer: Composer;

  constructor(config: EmbedConfig, browserLanguages: readonly string[]) {
    this.#config = config;
    this.#browserLanguages = browserLanguages;
    this.#visitorToken = readItem(keys.visitor(config.workspace));
    this.#readUntil = readItem(keys.read(config.workspace));
    this.#ratedId = readItem(keys.rated(config.workspace));

    this.#root = el('div', 'tdm');
    // shown once the workspace's look is known (no jump from the default corner and colour)
    this.#root.hidden = true;
    this.#choose();
    this.#launcher = createLauncher('tdm-window', () => (this.#isOpen ? this.close() : this.open()));
    this.#panel = el('section', 'window');
    this.#panel.id = 'tdm-window';
    this.#panel.setAttribute('role', 'dialog');
    this.#panel.setAttribute('aria-labelledby', 'tdm-title');
    this.#panel.tabIndex = -1;
    this.#panel.hidden = true;
    this.#panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });

    this.#header = createHeader('tdm-title', {
      onClose: () => this.close(),
      onLang: (lang) => this.setLang(lang),
      onElder: () => this.setElder(!this.#elder),
    });
    this.#banner = el('div', 'banner');
    this.#banner.setAttribute('role', 'status');
    this.#bannerText = el('span');
    this.#bannerButton = el('button');
    this.#bannerButton.type = 'button';
    this.#bannerButton.addEventListener('click', () => this.#reconnect());
    this.#banner.append(this.#bannerText, this.#bannerButton);
    this.#queueBar = el('div', 'qbar');
    this.#queueLine = el('p', 'queue');
    this.#queueLine.setAttribute('role', 'status');
    this.#queueLeave = button('leave', () => this.#openTicket());
    this.#queueBar.append(this.#queueLine, this.#queueLeave);
    this.#csat = createCsat((score, comment) => void this.#rate(score, comment));
    this.#ticketForm = createTicketForm({
      send: (payload) => this.#leaveMessage(payload),
      onClose: () => {
        this.#ticketOpen = false;
        this.#render({ scroll: true });
        this.#panel.focus();
      },
    });
    this.#list = createMessageList(
      {
        onQuickReply: (reply) => this.#quickReply(reply),
        onRetry: (clientId) => this.#retry(clientId),
        onLeave: () => this.#openTicket(),
      },
      [this.#csat.node, this.#ticketForm.node],
      config.origin,
    );
    this.#composer = createComposer('tdm-input', {
      onSend: (text) => this.#send(text),
      onHandoff: () => void this.#handoff(),
      onInput: () => this.#customerTyping(),
      onFiles: (files) => this.#attach(files),
    });
    this.#panel.append(
      this.#header.node,
      this.#banner,
      this.#queueBar,
      this.#list.node,
      ...this.#composer.nodes,
    );
    this.#root.append(this.#panel, this.#launcher.node);
  }

  /** Puts the widget on the page (inside a Shadow DOM) and, for a returning visitor, reconnects. */
  mount(parent: HTMLElement): void {
    const host = document.createElement('tandem-widget');
    // The page's CSS must not hide, move or restyle the host: fixed children need an untransformed box.
    host.setAttribute(
      'style',
      'all:initial!important;display:block!important;position:static!important;width:0!important;height:0!important;',
    );
    const shadow = host.attachShadow({ mode: 'open' });
    this.#shadow = shadow;
    const style = document.createElement('style');
    style.textContent = styles;
    shadow.append(style, this.#root);
    parent.append(host);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.#isOpen) this.#markRead();
    });
    this.#render();
    // the look: asked for on every page view, so an admin's change shows on the next one
    void fetchAppearance(this.#config.origin, this.#config.workspace).then((look) => this.#applyLook(look));
    setTimeout(() => {
      this.#root.hidden = false;
    }, 3000);
    // A returning visitor: fetch their conversation so unread replies show on the launcher.
    if (this.#visitorToken) void this.#start(false);
  }

  /**
   * Language, elder-friendly mode and corner: the customer's own choices first, then the page's data-*
   * attributes, then the workspace's look.
   */
  #choose(): void {
    const config = this.#config;
    const look = this.#look;
    const workspace = config.workspace;
    this.#lang = chooseLang(
      readItem(keys.lang(workspace)),
      config.pageLang,
      this.#browserLanguages,
      look.languages,
    );
    this.#elder = elderMode(readItem(keys.elder(workspace)), config.elder, config.attributes, look.elder);
    this.#root.dataset.pos = config.position ?? look.position;
  }

  /** Takes in the workspace's look (checked field by field: anything unusable is the default). */
  #applyLook(value: unknown): void {
    this.#look = readAppearance(value);
    this.#root.style.cssText = brandStyle(this.#look.color);
    this.#root.hidden = false;
    this.#choose();
    this.#render({ quiet: true });
  }

  open(): void {
    if (this.#isOpen) return;
    this.#isOpen = true;
    this.#root.dataset.open = 'true';
    this.#panel.hidden = false;
    if (window.innerWidth < 480) {
      this.#savedOverflow = document.documentElement.style.overflow;
      document.documentElement.style.overflow = 'hidden';
    }
    this.#markRead();
    this.#render({ scroll: true });
    this.#list.scrollToEnd();
    // On phones, do not pop the keyboard over the conversation: focus the dialog instead.
    if (window.matchMedia?.('(pointer: fine)').matches) this.#composer.focus();
    else this.#panel.focus();
    void this.#start();
  }

  close(): void {
    if (!this.#isOpen) return;
    const hadFocus = this.#shadow?.activeElement != null;
    this.#isOpen = false;
    this.#root.dataset.open = 'false';
    this.#panel.hidden = true;
    if (this.#savedOverflow !== null) {
      document.documentElement.style.overflow = this.#savedOverflow;
      this.#savedOverflow = null;
    }
    this.#stopTyping();
    this.#render();
    if (hadFocus) this.#launcher.node.focus();
  }

  setLang(value: string): void {
    const lang = toLang(value);
    if (!lang) {
      console.warn(`[tandem] setLang: "${value}" is not zh or en`);
      return;
    }
    writeItem(keys.lang(this.#config.workspace), lang);
    if (lang === this.#lang) return;
    this.#lang = lang;
    this.#render({ quiet: true });
  }

  /** Switches the elder-friendly mode; the customer's choice is remembered for this workspace. */
  setElder(on: boolean): void {
    writeItem(keys.elder(this.#config.workspace), on ? '1' : '0');
    if (on === this.#elder) return;
    this.#elder = on;
    this.#render({ quiet: true, scroll: true });
  }

  // ---- server ----

  /**
   * Fetches the session and opens the socket once; concurrent callers share the attempt. Without
   * `always` (a page view with the chat closed), the socket opens only while a person is on the case:
   * the bot never writes first, so nobody else needs a live connection.
   */
  async #start(always = true): Promise<boolean> {
    if (this.#socket && this.#title !== null) return true;
    if (!this.#starting) {
      this.#starting = this.#loadSession().finally(() => {
        this.#starting = null;
      });
    }
    const ok = await this.#starting;
    if (ok && (always || this.#isOpen || withPerson(this.#conversation))) this.#ensureSocket();
    return ok;
  }

  #sessionBody(withToken: boolean): WidgetSessionBody {
    const body: WidgetSessionBody = { workspace: this.#config.workspace, locale: this.#lang };
    const token = this.#visitorToken;
    if (withToken && token && token.length >= 20 && token.length <= 200) body.visitorToken = token;
    if (this.#config.name) body.name = this.#config.name;
    if (this.#config.attributes) body.attributes = this.#config.attributes;
    if (this.#config.identity) body.identity = this.#config.identity;
    return body;
  }

  async #loadSession(): Promise<boolean> {
    if (this.#connection !== 'online') this.#connection = 'connecting';
    this.#render();
    let session: WidgetSession;
    try {
      session = await fetchSession(this.#config.origin, this.#sessionBody(true));
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'network';
      const refused = code === 'identity_invalid';
      if (refused || (code === 'validation_failed' && this.#visitorToken)) {
        // A refused signature: chat anonymously. A damaged stored token: start as a new visitor.
        if (refused) {
          console.warn('[tandem] bad signature, chatting anonymously');
          this.#config.identity = null;
        }
        try {
          session = await fetchSession(this.#config.origin, this.#sessionBody(refused));
        } catch (retryError) {
          this.#fail(retryError);
          return false;
        }
      } else {
        this.#fail(error);
        return false;
      }
    }
    this.#applySession(session);
    return true;
  }

  #fail(error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'network';
    console.warn('[tandem] chat unavailable:', error instanceof Error ? error.message : error);
    this.#connection = 'unavailable';
    this.#unavailable = { key: code === 'protocol_mismatch' ? 'errorOutdated' : 'errorUnavailable' };
    this.#stopAwaitingBot();
    this.#render();
  }

  #applySession(session: WidgetSession): void {
    const tokenChanged = session.visitorToken !== this.#visitorToken;
    this.#visitorToken = session.visitorToken;
    writeItem(keys.visitor(this.#config.workspace), session.visitorToken);
    this.#title = session.workspace.name;
    this.#unavailable = null;
    if (this.#connection === 'unavailable' || this.#connection === 'connecting') {
      this.#connection = this.#socket?.connected ? 'online' : 'connecting';
    }
    this.#conversation = session.conversation;
    this.#maxBytes = session.attachmentMaxBytes ?? this.#maxBytes;
    this.#applyLook(session.appearance);
    this.#receive(session.messages);
    if (tokenChanged && this.#socket) {
      // A fresh identity: the old socket speaks for a visitor that no longer exists.
      this.#socket.removeAllListeners();
      this.#socket.disconnect();
      this.#socket = null;
      this.#hasConnected = false;
    }
  }

  #ensureSocket(): void {
    if (this.#socket || !this.#visitorToken) return;
    const socket = connectWidget(this.#config.origin, this.#visitorToken);
    this.#socket = socket;
    socket.on('connect', () => {
      this.#connection = 'online';
      this.#authRetries = 0;
      const reconnected = this.#hasConnected;
      this.#hasConnected = true;
      // Nothing unacknowledged is lost: send it all again now (same clientIds; the server stores each once).
      for (const item of toResend(this.#pending)) {
        if (item.status === 'failed') this.#restart(item.clientId);
        void this.#deliver(item.clientId);
      }
      this.#render();
      // Anything said while we were away; a customer waiting for a person (also after a reload) is told
      // their place again by the server's answer to `sync`.
      if (reconnected || this.#conversation?.status === 'queued') void this.#catchUp(socket);
    });
    socket.on('disconnect', () => {
      this.#connection = 'offline';
      this.#render();
    });
    socket.on('connect_error', (error) => {
      this.#connection = 'offline';
      this.#render();
      if (socket.active) return; // socket.io retries by itself
      // The server refused us (bad or unknown token, protocol): get a session again, then reconnect.
      const data: unknown = (error as Error & { data?: unknown }).data;
      const code =
        typeof data === 'object' && data !== null && 'code' in data ? String(data.code) : error.message;
      socket.removeAllListeners();
      if (this.#socket === socket) this.#socket = null;
      this.#hasConnected = false;
      if (code === 'protocol_mismatch' || this.#authRetries >= MAX_AUTH_RETRIES) {
        this.#fail(
          new ApiError(code === 'protocol_mismatch' ? 'protocol_mismatch' : 'unauthenticated', code, 0),
        );
        return;
      }
      this.#authRetries += 1;
      setTimeout(() => void this.#start(), 1000 * this.#authRetries);
    });
    socket.on('message:new', (message) => this.#receive([message]));
    socket.on('bot:stream', (stream) => {
      this.#stream = applyStream(this.#stream, stream);
      this.#stopAwaitingBot();
      this.#render();
    });
    socket.on('conversation:updated', (conversation) => {
      this.#conversation = conversation;
      if (conversation.status !== 'queued') this.#queue = null;
      if (withPerson(conversation)) this.#stopAwaitingBot();
      this.#render();
    });
    socket.on('queue:status', (status) => {
      this.#queue = status;
      this.#render();
    });
    socket.on('typing', (payload) => {
      clearTimeout(this.#remoteTypingTimer);
      this.#remoteTyping = payload.typing ? { author: payload.author, name: payload.name } : null;
      if (payload.typing) {
        this.#remoteTypingTimer = setTimeout(() => {
          this.#remoteTyping = null;
          this.#render();
        }, REMOTE_TYPING_MS);
      }
      this.#render();
    });
  }

  /**
   * After a reconnect: the messages after the last one held, over the socket (`sync`). When the current
   * conversation is not the one we knew (a new one began elsewhere) or `sync` fails, the whole session is
   * fetched again instead.
   */
  async #catchUp(socket: WidgetSocket): Promise<void> {
    const known = this.#conversation?.id ?? null;
    const result = await syncSince(socket, lastSeq(this.#messages, known));
    if (!result.ok || (result.data.conversation && result.data.conversation.id !== known && known)) {
      return this.#refresh();
    }
    const { conversation, messages } = result.data;
    if (conversation) {
      this.#conversation = conversation;
      if (withPerson(conversation)) this.#stopAwaitingBot();
    }
    this.#receive(messages);
  }

  async #refresh(): Promise<void> {
    try {
      const session = await fetchSession(this.#config.origin, this.#sessionBody(true));
      this.#applySession(session);
      if (!this.#socket) this.#ensureSocket();
    } catch (error) {
      console.warn(
        '[tandem] could not refresh the conversation:',
        error instanceof Error ? error.message : error,
      );
    }
  }

  /** The banner's button: try again from scratch after the server was unreachable. */
  #reconnect(): void {
    this.#authRetries = 0;
    if (this.#socket && !this.#socket.connected) this.#socket.connect();
    void this.#start().then((ok) => {
      if (!ok) return;
      for (const item of this.#pending) if (item.status === 'failed') this.#retry(item.clientId);
    });
  }

  /** Takes in messages from the session, an ack or the socket. */
  #receive(incoming: readonly MessageView[]): void {
    this.#messages = mergeMessages(this.#messages, incoming);
    this.#pending = settlePending(this.#pending, this.#messages);
    if (incoming.some((m) => m.streamId === this.#stream?.streamId)) this.#stream = null;
    for (const message of incoming) {
      if (message.author.kind === 'bot' || message.author.kind === 'agent') {
        this.#stopAwaitingBot();
        if (this.#remoteTyping?.author === message.author.kind) this.#remoteTyping = null;
      }
    }
    if (this.#isOpen && !document.hidden) this.#markRead();
    else this.#unread = countUnread(this.#messages, this.#readUntil);
    this.#render();
  }

  #markRead(): void {
    const latest = latestTime(this.#messages);
    if (latest && latest !== this.#readUntil) {
      this.#readUntil = latest;
      writeItem(keys.read(this.#config.workspace), latest);
    }
    this.#unread = 0;
    // read receipts: the highest seq shown now (called only while open and visible), sent a moment later;
    // taken now, so a message that arrives after the chat was closed is never marked read
    const id = this.#conversation?.id ?? '';
    const seq = lastSeq(this.#messages, id);
    clearTimeout(this.#readTimer);
    this.#readTimer = setTimeout(() => {
      // (the server keeps the highest mark: a repeated one changes nothing)
      if (seq) this.#socket?.emit('message:read', { conversationId: id, seq });
    }, 800);
  }

  // ---- customer actions ----

  #send(text: string): boolean {
    const trimmed = text.trim();
    if (trimmed === '') return false;
    this.#error = null;
    const clientId = newClientId();
    this.#pending = [...this.#pending, { clientId, text: trimmed, status: 'sending', error: null, tries: 0 }];
    if (botAnswersNext(this.#conversation)) this.#startAwaitingBot();
    this.#stopTyping();
    this.#render({ scroll: true });
    void this.#deliver(clientId);
    return true;
  }

  /** Each file picked is a message of its own: uploaded (with its progress shown), then sent. */
  #attach(files: File[]): void {
    this.#error = null;
    for (const file of files) {
      if (file.size > this.#maxBytes) {
        this.#error = { key: 'errorFileSize', vars: { size: fileSize(this.#maxBytes) } };
        continue;
      }
      const clientId = newClientId();
      this.#pending = [
        ...this.#pending,
        { clientId, text: '', status: 'sending', error: null, tries: 0, file },
      ];
      void this.#deliver(clientId);
    }
    this.#render({ scroll: true });
  }

  #quickReply(reply: QuickReply): void {
    this.#send(reply.payload);
  }

  /** The retry button (or the banner's reconnect): send again, with a fresh count of tries. */
  #retry(clientId: string): void {
    if (!this.#restart(clientId)) return;
    this.#render();
    void this.#deliver(clientId);
  }

  #restart(clientId: string): boolean {
    if (!this.#pending.some((entry) => entry.clientId === clientId)) return false;
    this.#pending = updatePending(this.#pending, clientId, { status: 'sending', error: null, tries: 0 });
    if (botAnswersNext(this.#conversation)) this.#startAwaitingBot();
    return true;
  }

  /**
   * One try of a pending message. A newer try (a reconnect resends everything at once) makes this one
   * moot: its answer then counts only if it is the stored message.
   */
  async #deliver(clientId: string): Promise<void> {
    const attempt = ++this.#attemptCount;
    this.#attempts.set(clientId, attempt);
    clearTimeout(this.#resendTimers.get(clientId));
    const current = () =>
      this.#attempts.get(clientId) === attempt && this.#pending.some((entry) => entry.clientId === clientId);
    const find = () => this.#pending.find((entry) => entry.clientId === clientId);
    const change = (patch: Partial<PendingMessage>) => {
      if (!current()) return;
      this.#pending = updatePending(this.#pending, clientId, patch);
      this.#render();
    };
    const ready = await this.#start();
    let item = find();
    let error: SendError = 'network';
    // a file is uploaded first, once: a later try sends the same upload
    if (ready && item?.file && !item.attachmentId) {
      change({ progress: 0 });
      const uploaded = await uploadFile(
        this.#config.origin,
        this.#visitorToken ?? '',
        item.file,
        (progress) => change({ progress }),
      );
      if (uploaded.ok) change({ progress: undefined, attachmentId: uploaded.data.attachment.id });
      else {
        change({ progress: undefined });
        error = uploaded.error.code;
      }
    }
    const socket = this.#socket;
    item = find();
    if (ready && socket && (!item?.file || item.attachmentId) && (await whenConnected(socket))) {
      item = find();
      if (!item || !current()) return;
      const result = await sendMessage(socket, {
        clientId,
        text: item.text,
        lang: this.#lang,
        ...(item.attachmentId ? { attachmentIds: [item.attachmentId] } : {}),
      });
      if (result.ok) return this.#receive([result.data.message]);
      error = result.error.code;
      // an upload that can no longer be sent (abandoned uploads are swept after a day): the next try uploads again
      if (error === 'not_found') change({ attachmentId: undefined });
    }
    if (current()) {
      const outdated = this.#unavailable?.key === 'errorOutdated';
      this.#sendFailed(clientId, outdated ? 'protocol_mismatch' : error);
    }
  }

  /** A try failed: send again later, give the text back to be changed, or show it as failed. */
  #sendFailed(clientId: string, code: SendError): void {
    const item = this.#pending.find((entry) => entry.clientId === clientId);
    if (!item) return;
    const tries = item.tries + 1;
    const decision = afterSendFailure(code, tries);
    if (decision.next === 'retry') {
      // still "sending" (with a word about it when the assistant is busy)
      this.#pending = updatePending(this.#pending, clientId, { error: code, tries });
      this.#resendTimers.set(
        clientId,
        setTimeout(() => void this.#deliver(clientId), decision.delayMs),
      );
    } else if (decision.next === 'edit') {
      // Sending it again cannot help: give the text back to the customer to change.
      this.#stopAwaitingBot();
      this.#pending = this.#pending.filter((entry) => entry.clientId !== clientId);
      const current = this.#composer.text();
      if (!item.file) this.#composer.setText(current.trim() === '' ? item.text : `${item.text}\n${current}`);
      this.#error = { key: sendErrorKey(code), vars: { size: fileSize(this.#maxBytes) } };
    } else {
      this.#stopAwaitingBot();
      this.#pending = updatePending(this.#pending, clientId, { status: 'failed', error: code, tries });
    }
    this.#render();
  }

  async #handoff(): Promise<void> {
    if (this.#handoffBusy || withPerson(this.#conversation)) return;
    this.#handoffBusy = true;
    this.#error = null;
    this.#stopAwaitingBot();
    this.#render();
    // (the server opens a conversation first if there is none yet)
    const ready = await this.#start();
    const result = ready && this.#socket ? await requestHandoff(this.#socket, this.#lang) : null;
    this.#handoffBusy = false;
    if (result?.ok) {
      this.#conversation = result.data.conversation;
    } else if (!withPerson(this.#conversation)) {
      // (a refusal because the customer is already queued is no failure)
      this.#error = { key: 'handoffFailed' };
    }
    this.#render();
  }

  /** Sends the customer's rating; `already_rated` (from another tab) is thanked for as well. */
  async #rate(score: number, comment: string): Promise<void> {
    const id = this.#conversation?.id;
    if (!id || score < 1 || this.#rating?.step === 'sending') return;
    this.#rating = { id, step: 'sending' };
    this.#render();
    const ready = await this.#start();
    const socket = this.#socket;
    const result =
      ready && socket && (await whenConnected(socket))
        ? await rateConversation(socket, { conversationId: id, score, comment: comment.trim() || undefined })
        : offline;
    const done = result.ok || result.error.code === 'already_rated';
    if (done) {
      this.#ratedId = id;
      writeItem(keys.rated(this.#config.workspace), id);
    }
    if (result.ok && this.#conversation?.id === id) this.#conversation = result.data.conversation;
    this.#rating = { id, step: done ? 'thanks' : 'failed' };
    this.#render();
  }

  // ---- leaving a message ----

  #openTicket(): void {
    this.#ticketOpen = true;
    this.#render();
  }

  /** Leaves the message; resolves to what was refused, or null (the conversation then closes with a notice). */
  async #leaveMessage(payload: TicketPayload): Promise<Problems | null> {
    const ready = await this.#start();
    const socket = this.#socket;
    const result =
      ready && socket && (await whenConnected(socket)) ? await createTicket(socket, payload) : offline;
    return result.ok ? null : refusalProblems(result.error);
  }

  #customerTyping(): void {
    if (this.#error) {
      this.#error = null;
      this.#render();
    }
    const socket = this.#socket;
    if (!socket?.connected || !withPerson(this.#conversation)) return;
    const now = Date.now();
    if (now - this.#typingSent > 2500) {
      this.#typingSent = now;
      socket.emit('typing', { typing: true });
    }
    clearTimeout(this.#typingStopTimer);
    this.#typingStopTimer = setTimeout(() => this.#stopTyping(), 3000);
  }

  #stopTyping(): void {
    clearTimeout(this.#typingStopTimer);
    if (this.#typingSent === 0) return;
    this.#typingSent = 0;
    if (this.#socket?.connected) this.#socket.emit('typing', { typing: false });
  }

  #startAwaitingBot(): void {
    this.#awaitingBot = true;
    clearTimeout(this.#awaitingTimer);
    this.#awaitingTimer = setTimeout(() => {
      this.#awaitingBot = false;
      this.#render();
    }, BOT_TYPING_MS);
  }

  #stopAwaitingBot(): void {
    clearTimeout(this.#awaitingTimer);
    this.#awaitingBot = false;
  }

  // ---- view ----

  #status(): { text: string; tone: StatusTone } {
    const lang = this.#lang;
    // the elder-friendly mode says the same in fewer, plainer words
    const elder = this.#elder;
    if (this.#connection === 'unavailable') return { text: t(lang, 'statusUnavailable'), tone: 'off' };
    if (this.#connection === 'offline') return { text: t(lang, 'statusOffline'), tone: 'off' };
    if (this.#connection === 'connecting' && this.#title === null) {
      return { text: t(lang, 'statusConnecting'), tone: 'wait' };
    }
    const conversation = this.#conversation;
    switch (conversation?.status ?? 'bot') {
      case 'queued':
        return { text: t(lang, elder ? 'elderQueued' : 'statusQueued'), tone: 'wait' };
      case 'assigned': {
        const name = conversation?.agentName?.trim();
        return {
          text: name ? t(lang, 'statusAssigned', { name }) : t(lang, 'statusAssignedAnon'),
          tone: 'person',
        };
      }
      case 'resolved':
        return { text: t(lang, elder ? 'elderDone' : 'statusResolved'), tone: 'done' };
      case 'closed':
        return { text: t(lang, elder ? 'elderDone' : 'statusClosed'), tone: 'done' };
      default:
        return { text: t(lang, elder ? 'elderBot' : 'statusBot'), tone: 'ok' };
    }
  }

  #handoffState(): HandoffState {
    if (this.#handoffBusy) return 'busy';
    const status = this.#conversation?.status;
    if (status === 'queued') return 'queued';
    if (status === 'assigned') return 'assigned';
    return 'available';
  }

  #render(options: { scroll?: boolean; quiet?: boolean } = {}): void {
    const lang = this.#lang;
    this.#root.lang = lang === 'zh' ? 'zh-CN' : 'en';
    this.#root.dataset.elder = String(this.#elder);
    this.#launcher.update({ lang, open: this.#isOpen, unread: this.#unread });
    const status = this.#status();
    this.#header.update({
      lang,
      langs: this.#look.languages,
      title: this.#title ?? t(lang, 'defaultTitle'),
      status: status.text,
      tone: status.tone,
      withPerson: this.#conversation?.status === 'assigned',
      elder: this.#elder,
    });
    this.#panel.setAttribute('aria-label', t(lang, 'chatWindow'));
    this.#banner.hidden = this.#unavailable === null;
    if (this.#unavailable) {
      this.#bannerText.textContent = t(lang, this.#unavailable.key, this.#unavailable.vars);
      this.#bannerButton.textContent = t(lang, 'retryConnect');
      this.#bannerButton.hidden = this.#unavailable.key === 'errorOutdated';
    }
    const queue = this.#queue;
    this.#queueBar.hidden = !(
      queue &&
      this.#conversation?.status === 'queued' &&
      queue.conversationId === this.#conversation.id
    );
    if (queue) setText(this.#queueLine, queueText(lang, queue));
    const leave = leaveOffer(this.#conversation, queue, this.#ticketOpen);
    this.#queueLeave.hidden = !leave?.queueLine;
    setText(this.#queueLeave, t(lang, 'leave'));
    this.#list.node.setAttribute('aria-label', t(lang, 'messages'));
    if (!this.#isOpen) return;
    const conversation = this.#conversation;
    const step = csatStep(conversation, this.#messages, this.#pending, this.#ratedId, this.#rating);
    const wasHidden = this.#csat.node.hidden;
    this.#csat.update(lang, step, conversation?.id ?? '');
    // the bot's suggestions are withdrawn while the customer waits for or talks to a person
    let quick =
      this.#pending.length > 0 || withPerson(this.#conversation) ? null : currentQuickReplies(this.#messages);
    if (quick && this.#elder) {
      // elder mode: at most two, docked under the person button instead of inside the conversation
      const buttons = elderQuickReplies(quick.buttons);
      quick = buttons.length > 0 ? { ...quick, buttons } : null;
    }
    this.#list.placeQuick(this.#elder ? (this.#composer.nodes[0] ?? null) : null);
    this.#list.render(
      {
        lang,
        elder: this.#elder,
        greeting: this.#look.greeting[lang],
        messages: this.#stream
          ? [
              ...this.#messages,
              {
                id: this.#stream.streamId,
                conversationId: this.#stream.conversationId,
                seq: 1,
                clientId: null,
                author: { kind: 'bot', name: null },
                text: this.#stream.text,
                buttons: [],
                notice: null,
                createdAt: '',
              },
            ]
          : this.#messages,
        pending: this.#pending,
        quick,
        typing: this.#remoteTyping ?? (this.#awaitingBot ? { author: 'bot', name: null } : null),
        leave: leave?.conversation ?? null,
      },
      // the rating prompt comes into view when it appears
      step && wasHidden ? { ...options, scroll: true } : options,
    );
    // (after the messages: when it opens, it scrolls its own top into view)
    this.#ticketForm.update(lang, this.#ticketOpen);
    this.#composer.update({
      lang,
      handoff: this.#handoffState(),
      error: this.#error ? t(lang, this.#error.key, { max: MAX_MESSAGE_LENGTH, ...this.#error.vars }) : null,
    });
  }
}
