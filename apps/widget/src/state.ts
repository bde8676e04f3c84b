import type {
  BotStream,
  ConversationStatus,
  ErrorCode,
  Lang,
  MessageView,
  QueueStatus,
  QuickReply,
  WidgetConversation,
} from '@tandem/protocol';
import { type MessageKey, t } from './i18n.ts';

/** Why a send failed: a server error code, or 'network' when no acknowledgement came back. */
export type SendError = ErrorCode | 'network';

/** A message the customer sent that the server has not confirmed yet (shown optimistically). */
export interface PendingMessage {
  clientId: string;
  text: string;
  status: 'sending' | 'failed';
  /** why the last try failed (while `sending`: it is being sent again by itself), or null */
  error: SendError | null;
  /** failed tries since the customer last pressed send or retry */
  tries: number;
  /** a file to send (the text is then empty): uploaded first, then sent by its id */
  file?: File;
  /** the upload's id once uploaded, and its progress (0–100) while uploading */
  attachmentId?: string;
  progress?: number;
}

function time(iso: string): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : at;
}

/**
 * Orders messages for display: by `seq` inside a conversation; conversations (a new one starts after
 * a resolution) by when their first known message was written.
 */
export function sortMessages(messages: readonly MessageView[]): MessageView[] {
  const start = new Map<string, number>();
  for (const message of messages) {
    const at = time(message.createdAt);
    const known = start.get(message.conversationId);
    if (known === undefined || at < known) start.set(message.conversationId, at);
  }
  return [...messages].sort((a, b) => {
    if (a.conversationId === b.conversationId) return a.seq - b.seq;
    const byStart = (start.get(a.conversationId) ?? 0) - (start.get(b.conversationId) ?? 0);
    if (byStart !== 0) return byStart;
    return a.conversationId < b.conversationId ? -1 : 1;
  });
}

/** Adds messages to a list: one copy per id (the incoming copy wins), in display order. */
export function mergeMessages(
  existing: readonly MessageView[],
  incoming: readonly MessageView[],
): MessageView[] {
  const byId = new Map<string, MessageView>();
  for (const message of existing) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return sortMessages([...byId.values()]);
}

/** Drops the optimistic copies of messages the server has confirmed (matched by clientId). */
export function settlePending(
  pending: readonly PendingMessage[],
  confirmed: readonly MessageView[],
): PendingMessage[] {
  const ids = new Set<string>();
  for (const message of confirmed) if (message.clientId) ids.add(message.clientId);
  return pending.filter((item) => !ids.has(item.clientId));
}

export function updatePending(
  pending: readonly PendingMessage[],
  clientId: string,
  change: Partial<Omit<PendingMessage, 'clientId'>>,
): PendingMessage[] {
  return pending.map((item) => (item.clientId === clientId ? { ...item, ...change } : item));
}

/**
 * The quick replies to offer: those of the latest bot message, while nobody has spoken since
 * (system notices do not count). Null when there is nothing to offer.
 */
export function currentQuickReplies(
  messages: readonly MessageView[],
): { messageId: string; buttons: QuickReply[] } | null {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (!message || message.author.kind === 'system') continue;
    if (message.author.kind === 'bot' && message.buttons.length > 0) {
      return { messageId: message.id, buttons: message.buttons };
    }
    return null;
  }
  return null;
}

/** The quick replies shown in the elder-friendly mode. */
export const ELDER_QUICK_REPLIES = 2;

/**
 * Fewer choices for the elder-friendly mode: the bot's first (most relevant) suggestions, leaving out
 * those that only ask for a person (the big person button already does that).
 */
export function elderQuickReplies(buttons: readonly QuickReply[]): QuickReply[] {
  const person = /^(转人工|人工|人工客服|找人工|真人|talk to a (person|human)|(a )?(person|human|agent))$/i;
  return buttons
    .filter((reply) => !person.test(reply.payload.trim()) && !person.test(reply.label.trim()))
    .slice(0, ELDER_QUICK_REPLIES);
}

/** Messages from the bot or an agent written after the customer last looked. */
export function countUnread(messages: readonly MessageView[], readUntil: string | null): number {
  const since = readUntil === null ? Number.NEGATIVE_INFINITY : time(readUntil);
  let count = 0;
  for (const message of messages) {
    if (
      (message.author.kind === 'bot' || message.author.kind === 'agent') &&
      time(message.createdAt) > since
    ) {
      count += 1;
    }
  }
  return count;
}

/** The newest createdAt in a list (the read marker after the customer has seen it), or null. */
export function latestTime(messages: readonly MessageView[]): string | null {
  let latest: MessageView | null = null;
  for (const message of messages) {
    if (!latest || time(message.createdAt) > time(latest.createdAt)) latest = message;
  }
  return latest?.createdAt ?? null;
}

/** Whether the bot (not a person) answers the next message the customer sends. */
export function botAnswersNext(conversation: WidgetConversation | null): boolean {
  if (!conversation) return true;
  const handled: ConversationStatus[] = ['queued', 'assigned'];
  return !handled.includes(conversation.status);
}

/** Whether the customer is already waiting for or talking to a person. */
export function withPerson(conversation: WidgetConversation | null): boolean {
  return !botAnswersNext(conversation);
}

/** The readable explanation of a failed send. */
export function sendErrorKey(error: SendError): MessageKey {
  switch (error) {
    case 'message_too_long':
      return 'errorTooLong';
    case 'rate_limited':
      return 'errorRateLimited';
    case 'busy':
      return 'errorBusy';
    case 'validation_failed':
    case 'bad_request':
      return 'errorInvalid';
    case 'network':
      return 'errorNetwork';
    case 'protocol_mismatch':
      return 'errorOutdated';
    case 'unsupported_media':
      return 'errorFileType';
    case 'payload_too_large':
      return 'errorFileSize';
    case 'workspace_not_found':
    case 'unauthenticated':
      return 'errorUnavailable';
    default:
      return 'errorGeneric';
  }
}

/**
 * Whether sending the same text again cannot help (it was refused for its content): the text then
 * goes back into the input for the customer to change, instead of offering a retry.
 */
export function needsEdit(error: SendError): boolean {
  return /^(message_too_long|validation_failed|bad_request|unsupported_media|payload_too_large)$/.test(error);
}

/** Tries of one message, automatic resends included, before it shows as failed with a retry button. */
export const MAX_SEND_TRIES = 6;

/**
 * Whether a failed send is sent again by itself (with the same clientId, so the server stores it once):
 * no acknowledgement came (it may or may not have been stored), or the server said "not now" and stored
 * nothing (`busy`: the bot's backlog is full; `rate_limited`).
 */
export function isTransient(error: SendError): boolean {
  return error === 'network' || error === 'busy' || error === 'rate_limited';
}

/**
 * The wait after failed try number `tries` (1, 2, …): 1 s, 2 s, 4 s, then 8 s each time, ±25 % at random so
 * that widgets turned away together do not all come back in the same instant.
 */
export function retryDelay(tries: number, random: () => number = Math.random): number {
  const base = 1000 * 2 ** Math.min(Math.max(tries - 1, 0), 3);
  return Math.round(base * (0.75 + random() * 0.5));
}

export type SendDecision = { next: 'edit' } | { next: 'failed' } | { next: 'retry'; delayMs: number };

/**
 * What follows failed try number `tries` of a message: give the text back to be changed (its content was
 * refused), send it again after a while (transient, fewer than {@link MAX_SEND_TRIES} tries), or show it as
 * failed with a retry button.
 */
export function afterSendFailure(
  error: SendError,
  tries: number,
  random: () => number = Math.random,
): SendDecision {
  if (needsEdit(error)) return { next: 'edit' };
  if (isTransient(error) && tries < MAX_SEND_TRIES) {
    return { next: 'retry', delayMs: retryDelay(tries, random) };
  }
  return { next: 'failed' };
}

/**
 * What to send again at once when the socket (re)connects: everything still unacknowledged, except what
 * failed for a reason a resend cannot fix (those wait for the customer's retry).
 */
export function toResend(pending: readonly PendingMessage[]): PendingMessage[] {
  return pending.filter(
    (item) =>
      // (a file still uploading goes on: its upload does not need the socket)
      item.progress === undefined && (item.status === 'sending' || (item.error && isTransient(item.error))),
  );
}

/**
 * Where to catch up from after a reconnect (`sync`'s `afterSeq`): the highest seq held of the conversation
 * the widget knows as current; 0 (everything) when it knows none.
 */
export function lastSeq(messages: readonly MessageView[], conversationId: string | null): number {
  let seq = 0;
  for (const message of messages) {
    if (message.conversationId === conversationId && message.seq > seq) seq = message.seq;
  }
  return seq;
}

/** A file's size for people: 820 KB, 2.4 MB. */
export function fileSize(bytes: number): string {
  return bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Characters the server will count (it trims the text first). */
export function countedLength(text: string): number {
  return text.trim().length;
}

/** A clientId for idempotent sends: 8-64 of [A-Za-z0-9_-]; works outside secure contexts too. */
export function newClientId(random: (bytes: Uint8Array) => Uint8Array = defaultRandom): string {
  const bytes = random(new Uint8Array(16));
  let id = 'w';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}

function defaultRandom(bytes: Uint8Array): Uint8Array {
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    return crypto.getRandomValues(bytes);
  }
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/**
 * A wait in words: under a minute; about a minute; minutes (to the nearest 5 above 10); hours from two
 * hours on.
 */
export function waitText(lang: Lang, seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const n = minutes > 10 ? Math.round(minutes / 5) * 5 : minutes;
  if (seconds < 60) return t(lang, 'waitSoon');
  if (n < 2) return t(lang, 'waitMinute');
  return n < 120 ? t(lang, 'waitMinutes', { n }) : t(lang, 'waitHours', { n: Math.round(n / 60) });
}

/**
 * The queue line while the customer waits for a person: their place and the estimated wait, or, when
 * nobody who could take it is online, that they can wait or leave a message (the line then offers the form).
 */
export function queueText(lang: Lang, status: QueueStatus): string {
  const { position, estimatedWaitSeconds: wait } = status;
  if (wait === null && status.agentsOnline === 0) return t(lang, 'queueNobody');
  // Chinese counts the people ahead (您前面还有 2 位), English the place in line (number 3)
  const place =
    position > 1
      ? t(lang, 'queueAhead', { n: lang === 'zh' ? position - 1 : position })
      : t(lang, 'queueNext');
  return wait === null ? place : place + t(lang, 'queueWait', { wait: waitText(lang, wait) });
}

export type CsatStep = 'ask' | 'sending' | 'failed' | 'thanks';

/**
 * Where the rating prompt of the current conversation stands, or null when there is none to show: only
 * once the conversation ended (resolved or closed) and while the customer has not moved on (nothing sent
 * since, no newer conversation) and when a person served it (`ratable`); asked once (`rated` by the server, or `ratedId`: rated from this browser),
 * then `rating` (this page view's submission) tells whether it is being sent, failed or thanked for.
 */
export function csatStep(
  conversation: WidgetConversation | null,
  messages: readonly MessageView[],
  pending: readonly PendingMessage[],
  ratedId: string | null,
  rating: { id: string; step: CsatStep } | null,
): CsatStep | null {
  const status = conversation?.status;
  if (!conversation || pending.length > 0 || (status !== 'resolved' && status !== 'closed')) return null;
  const last = messages[messages.length - 1];
  if (last && last.conversationId !== conversation.id) return null;
  if (rating?.id === conversation.id) return rating.step;
  // a conversation the bot handled alone (or a message left for later) is not rated
  return !conversation.ratable || conversation.rated || conversation.id === ratedId ? null : 'ask';
}

/**
 * The bot answer being written, after a `bot:stream` event: a piece (`append`) is added when it follows the
 * event before it (`seq`) of the same stream; a whole text replaces it; after a missed piece it stays as it is
 * until the next whole text (or the stored message) comes. `discard` takes it away (one answer is written at a
 * time).
 */
export function applyStream(current: BotStream | null, event: BotStream): BotStream | null {
  if (event.discard) return null;
  if (!event.append) return event;
  if (current?.streamId !== event.streamId || event.seq !== current.seq + 1) return current;
  return { ...event, text: current.text + event.text };
}
