import type { Contact, Conversation, Message } from '@tandem/domain';
import type { HandoffReasonView, HandoffSummary, Lang } from '@tandem/protocol';
import { collectDetails, type DetailOptions } from './details.ts';
import { presentHandoffEmotion } from './emotion.ts';
import { type IntentNames, noIntentNames } from './names.ts';
import { summaryText } from './summaryText.ts';
import { firstLine, quote } from './text.ts';
import { botMetaOf, type Exchange, exchanges, onlyAsksForPerson } from './transcript.ts';

export interface SummaryInput {
  conversation: Pick<Conversation, 'handoffReason' | 'handoff' | 'emotion'>;
  /** the transcript, oldest first */
  messages: readonly Message[];
  contact: Pick<Contact, 'name' | 'attributes'> | null;
  /** the staff member's language: the paragraph is written in it */
  lang: Lang;
  /** the name of the team whose queue the conversation is in (or the hand-over asked for), when known */
  teamName?: string | null;
  entityOptions?: DetailOptions;
  /** readable names of the bot's intents (loadIntentNames): staff never read an entry id or `flow:<id>` */
  names?: IntentNames;
}

const BOT_ANSWERED = 5;
const NEEDS = 3;
const NEED_CHARS = 200;
const QUESTION_CHARS = 80;
const ANSWER_CHARS = 80;
const DETAIL_CHARS = 200;

/**
 * The hand-over summary, built from the transcript without a language model: what the bot understood last,
 * what it answered, what the customer still needs, the details they gave (masked where sensitive), why it
 * came to people and how the customer feels — and one paragraph saying so in the staff member's language.
 */
export function buildHandoffSummary(input: SummaryInput): HandoffSummary {
  const { conversation, messages, lang } = input;
  const items = exchanges(messages, conversation.handoffReason);
  const answered = botAnswered(items);
  const emotion = presentHandoffEmotion(conversation.emotion);
  const names = input.names ?? noIntentNames(lang);
  const summary: Omit<HandoffSummary, 'text'> = {
    lang,
    intent: lastIntent(messages, names),
    botAnswered: answered.slice(-BOT_ANSWERED).map(({ askedSeq: _, ...entry }) => entry),
    customerNeeds: customerNeeds(items, answered),
    details: collectDetails(items, input.entityOptions),
    reason: reasonOf(conversation, input.teamName ?? null),
    emotion: emotion ? { current: emotion.current, trend: emotion.trend } : null,
  };
  const text = summaryText(
    summary,
    {
      name: input.contact?.name ?? null,
      verifiedId: verifiedCustomerId(input.contact),
      customerSpoke: items.length > 0,
    },
    names,
  );
  return { ...summary, text };
}

/** The customer id the contact was verified as (a signed identity), or null: a claimed id counts for nothing. */
export function verifiedCustomerId(contact: Pick<Contact, 'attributes'> | null): string | null {
  const id = contact?.attributes.customerId;
  return contact?.attributes.identityVerified === true && typeof id === 'string' ? id : null;
}

function lastIntent(messages: readonly Message[], names: IntentNames): HandoffSummary['intent'] {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Message;
    const meta = botMetaOf(message);
    // small talk (thanks, hello) says nothing of what the customer came for
    if (!meta?.intent || meta.intent.startsWith('smalltalk.')) continue;
    const confidence = Math.round(meta.confidence * 100) / 100;
    return { name: meta.intent, label: names(meta.intent), confidence, flow: meta.flow, seq: message.seq };
  }
  return null;
}

/** An answer, with the customer message whose topic it answered. */
type Answered = HandoffSummary['botAnswered'][number] & { askedSeq: number };

/** What the bot answered, oldest first; the turns of one flow run count once (its first question, last answer). */
function botAnswered(items: readonly Exchange[]): Answered[] {
  const out: Answered[] = [];
  let previousFlow: string | null = null;
  for (const { customer, reply } of items) {
    if (reply?.by !== 'bot' || !reply.answered) continue;
    const { kind, intent, flow } = reply.meta;
    if (kind === 'greeting' || kind === 'blocked') continue;
    const answer = quote(firstLine(reply.message.text, ANSWER_CHARS * 2), ANSWER_CHARS);
    const last = out.at(-1);
    if (flow && last && previousFlow === flow.id && last.intent === intent) {
      out[out.length - 1] = { ...last, seq: reply.message.seq, answer };
    } else {
      const question = quote(customer.text, QUESTION_CHARS) || null;
      out.push({ seq: reply.message.seq, intent, question, answer, askedSeq: customer.seq });
    }
    previousFlow = flow?.id ?? null;
  }
  return out;
}

/**
 * The customer's latest requests nobody answered (a person request on its own is the reason, not a need);
 * when everything was answered, the request of the last topic — they came to a person about it.
 */
function customerNeeds(
  items: readonly Exchange[],
  answered: readonly Answered[],
): HandoffSummary['customerNeeds'] {
  const spoken = items.filter((e) => e.customer.text.trim() !== '' && !onlyAsksForPerson(e.customer.text));
  const open = spoken.filter((e) => e.reply === null || (e.reply.by === 'bot' && !e.reply.answered));
  const need = (e: Exchange) => ({ seq: e.customer.seq, text: quote(e.customer.text, NEED_CHARS) });
  // an answer to a flow's question (an order number, a code) stands for the request that started the flow
  const requests = [...new Set(open.map((e) => e.flowStart ?? e))];
  if (requests.length > 0) return requests.slice(-NEEDS).map(need);
  const topic = answered.at(-1);
  const last = spoken.find((e) => e.customer.seq === topic?.askedSeq) ?? spoken.at(-1);
  return last ? [need(last)] : [];
}

function reasonOf(
  conversation: Pick<Conversation, 'handoffReason' | 'handoff'>,
  teamName: string | null,
): HandoffReasonView {
  const { handoff } = conversation;
  return {
    code: conversation.handoffReason,
    detail: handoff?.detail ? quote(handoff.detail, DETAIL_CHARS) : null,
    tier: handoff?.tier ?? null,
    // a team key is configuration, not a name: left out when no team of that key is known
    team: teamName,
  };
}
