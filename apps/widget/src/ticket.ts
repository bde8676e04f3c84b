import type { Lang, QueueStatus, SystemNotice, WidgetConversation } from '@tandem/protocol';
import { type MessageKey, t } from './i18n.ts';
import { type SendError, sendErrorKey } from './state.ts';

/**
 * Leaving a message (a ticket) instead of waiting: when it is offered, the checks of the form (the server's
 * rules, so that the customer hears at once and in their language what to change), and the server's refusals.
 */

export type TicketField = 'name' | 'email' | 'phone' | 'message';
export type TicketDraft = Record<TicketField, string>;
export type TicketPayload = Partial<TicketDraft> & { message: string };

/**
 * What is wrong with a field, or with `contact` (neither an e-mail address nor a phone number), or with the
 * whole send (`form`): our own check (in the customer's language) or the server's words.
 */
export type Problem = { key: MessageKey; max?: number } | { text: string };
export type Problems = Partial<Record<TicketField | 'contact' | 'form', Problem>>;

/** The fields in the order they are shown. */
export const TICKET_FIELDS: readonly TicketField[] = ['name', 'email', 'phone', 'message'];
/** The server's limits: name, e-mail, message. */
const MAX = { name: 80, email: 200, message: 4000 };

/** The server's e-mail rule (zod's `z.email()`). */
const EMAIL = /^([\w'+-]+\.)*[\w'+-]*[\w+-]@([A-Za-z\d][A-Za-z\d-]*\.)+[A-Za-z]{2,}$/;
/** The server's phone rule: digits with spaces, dashes or brackets, an optional leading + (and 6–15 digits). */
const PHONE = /^\+?\d[\d ()-]{4,24}$/;

/**
 * Checks the form as the server will (trimmed; a name of at most 80 characters; a valid e-mail address or
 * phone number (6–15 digits), at least one of them; a message of 1–4000 characters): the payload to send
 * when all is well, and what to change.
 */
export function checkTicket(draft: TicketDraft): { payload: TicketPayload | null; problems: Problems } {
  const payload = {} as TicketPayload;
  const problems: Problems = {};
  for (const field of TICKET_FIELDS) {
    const value = draft[field].trim();
    if (value) payload[field] = value;
  }
  const { name, email, phone, message } = payload;
  if (name && name.length > MAX.name) problems.name = { key: 'ticketTooLong', max: MAX.name };
  if (email && (email.length > MAX.email || !EMAIL.test(email))) problems.email = { key: 'ticketEmailBad' };
  const digits = phone?.replace(/\D/g, '').length ?? 0;
  if (phone && (!PHONE.test(phone) || digits < 6 || digits > 15)) problems.phone = { key: 'ticketPhoneBad' };
  if (!email && !phone) problems.contact = { key: 'ticketContact' };
  if (!message) problems.message = { key: 'ticketMessageEmpty' };
  else if (message.length > MAX.message) problems.message = { key: 'ticketTooLong', max: MAX.message };
  return { payload: Object.keys(problems).length > 0 ? null : payload, problems };
}

/**
 * The server refused the ticket: its own words for a validation our checks did not foresee, else the reason
 * in the customer's language (no connection, too many tries…).
 */
export function refusalProblems(error: {
  code: SendError;
  message: string;
  details?: ReadonlyArray<{ path: string; message: string }>;
}): Problems {
  return {
    form:
      error.code === 'validation_failed'
        ? { text: error.details?.[0]?.message ?? error.message }
        : { key: sendErrorKey(error.code) },
  };
}

/** A problem in the customer's language (the server's words as they are); empty for none. */
export function problemText(lang: Lang, problem: Problem | undefined): string {
  if (!problem) return '';
  return 'text' in problem ? problem.text : t(lang, problem.key, { max: problem.max ?? '' });
}

/**
 * Where to offer leaving a message, or null: only while the customer waits in the queue (and is not filling
 * in the form already). On the queue line while it says nobody who could take them is online; on that
 * conversation's "nobody online" and "closed" notices (`conversation`) unless the queue line says someone
 * is online by now.
 */
export function leaveOffer(
  conversation: WidgetConversation | null,
  queue: QueueStatus | null,
  formOpen: boolean,
): { conversation: string | null; queueLine: boolean } | null {
  if (formOpen || conversation?.status !== 'queued') return null;
  const online = queue?.conversationId === conversation.id ? queue.agentsOnline > 0 : null;
  return online ? null : { conversation: conversation.id, queueLine: online === false };
}

/** Whether a notice says nobody can take the customer now (the place to offer leaving a message). */
export const offersLeave = (notice: SystemNotice | null) =>
  notice?.code === 'no_agents' || notice?.code === 'closed_hours';

/**
 * When the service opens again, in the customer's locale and time zone: "明天 09:00" / "tomorrow 09:00", the
 * weekday within the week ("星期二 09:00" / "Tuesday 09:00"), else the date. Empty when unknown or past.
 */
export function openingText(opensAt: string | undefined, now: Date, locale: string): string {
  const at = new Date(opensAt ?? '');
  if (!(at > now)) return '';
  // calendar days from today to that day (midnight to midnight, in the customer's time zone)
  const days = Math.round((new Date(at).setHours(0, 0, 0, 0) - new Date(now).setHours(0, 0, 0, 0)) / 864e5);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options).format(at);
  const day =
    days < 2
      ? new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day')
      : part(days < 7 ? { weekday: 'long' } : { month: 'long', day: 'numeric' });
  return `${day} ${part({ hour: '2-digit', minute: '2-digit' })}`;
}

/** The locale for dates and times: zh-CN, or the browser's own English (en-GB, en-US…). */
export function localeFor(lang: Lang): string {
  if (lang === 'zh') return 'zh-CN';
  return globalThis.navigator?.languages.find((tag) => /^en(-|$)/i.test(tag)) ?? 'en';
}
