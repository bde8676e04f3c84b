import type { Message } from '@tandem/domain';
import { detectHandoffRequest } from '@tandem/engine';
import type { DemandQualityInput, MinedConversation } from '@tandem/storage';
import { type Exchange, exchanges, onlyAsksForPerson } from '../handoff/transcript.ts';
import { likeness } from './phrasing.ts';

/** A bot answer below this confidence counts as not understood: its question is mined. */
export const LOW_CONFIDENCE = 0.5;
/** The next question this alike counts as the same question asked again. */
const REPEAT_LIKENESS = 0.6;
/** Agents' replies shorter than this ("好的", "ok") are no answer to draft from. */
const MIN_ANSWER_CHARS = 8;
const MAX_QUESTION_CHARS = 300;
/** Agents' replies are kept this long at most (drafts show the start of an answer). */
export const MAX_ANSWER_CHARS = 2000;

/** A customer question the bot did not answer well, with who answered it instead. */
export interface MinedQuestion {
  text: string;
  at: Date;
  conversationId: string;
  teamId: string | null;
  /** what a person replied, when one did */
  agentAnswer: string | null;
}

/** How one intent's (or entry's) answers fared, counted as they are met. */
export type QualityCounts = Omit<DemandQualityInput, 'kind' | 'key'>;

export interface Collected {
  questions: MinedQuestion[];
  /** by intent key (a knowledge entry id, `flow:<id>`, or another intent) */
  quality: Map<string, QualityCounts>;
}

const emptyCounts = (): QualityCounts => ({ matched: 0, handoffs: 0, repeats: 0, negatives: 0, failures: 0 });

const hasWords = (text: string) => /[\p{L}\p{N}]{2,}|\p{Script=Han}/u.test(text);

/**
 * A short message whose point is asking for a person ("that does not help, a person please"): the reason for
 * a hand-over, not a need. Longer ones that also ask for a person still say what they need and are mined.
 */
function asksForPerson(text: string): boolean {
  if (onlyAsksForPerson(text)) return true;
  if (detectHandoffRequest(text) !== 'explicit') return false;
  const plain = text.replace(/[\p{P}\p{S}\s]+/gu, '');
  return /\p{Script=Han}/u.test(plain) ? plain.length <= 20 : text.trim().split(/\s+/).length <= 10;
}

function polarityOf(message: Message): string | null {
  const emotion = message.meta?.emotion as { polarity?: unknown } | undefined;
  return typeof emotion?.polarity === 'string' ? emotion.polarity : null;
}

/** Why a customer question is worth mining: nobody useful answered it, a person had to, or the bot was unsure. */
function isUnanswered(exchange: Exchange, handedOver: boolean): boolean {
  const reply = exchange.reply;
  if (reply === null) return handedOver;
  if (reply.by === 'agent') return true;
  if (!reply.answered) return true;
  return reply.meta.kind === 'answer' && reply.meta.confidence < LOW_CONFIDENCE;
}

/** Was the bot's answer at `index` followed by a hand-over before the bot answered anything else? */
function followedByHandoff(list: Exchange[], index: number, handedOver: boolean): boolean {
  for (let i = index + 1; i < list.length; i++) {
    const next = list[i]!;
    if (onlyAsksForPerson(next.customer.text)) return true;
    const reply = next.reply;
    if (reply?.by === 'agent') return true;
    if (reply?.by === 'bot' && reply.meta.kind === 'handoff') return true;
    if (reply?.by === 'bot' && reply.answered) return false;
  }
  // the last answer of a conversation that then went to people (e.g. the customer pressed "talk to a person")
  return handedOver;
}

/**
 * Reads conversations into the questions to mine (`since` on) and, for every answer the bot gave, whether
 * it was followed by a hand-over, the same question again, or a negative emotion (docs/mining.md).
 */
export function collect(
  conversations: readonly MinedConversation[],
  since: Date,
  into?: Collected,
): Collected {
  const out: Collected = into ?? { questions: [], quality: new Map() };
  for (const conversation of conversations) {
    const handedOver = conversation.handoffReason !== null;
    const list = exchanges(
      conversation.messages,
      conversation.handoffReason as Parameters<typeof exchanges>[1],
    );
    list.forEach((exchange, index) => {
      const { customer, reply } = exchange;
      if (customer.createdAt < since) return;
      const text = customer.text.trim();
      if (
        exchange.flowStart === null &&
        text &&
        hasWords(text) &&
        !asksForPerson(text) &&
        isUnanswered(exchange, handedOver)
      ) {
        const answer = reply?.by === 'agent' ? reply.message.text.trim() : '';
        out.questions.push({
          text: text.slice(0, MAX_QUESTION_CHARS),
          at: customer.createdAt,
          conversationId: conversation.id,
          teamId: conversation.teamId,
          agentAnswer: answer.length >= MIN_ANSWER_CHARS ? answer.slice(0, MAX_ANSWER_CHARS) : null,
        });
      }
      if (reply?.by !== 'bot' || !reply.answered || !reply.meta.intent) return;
      const counts = out.quality.get(reply.meta.intent) ?? emptyCounts();
      const next = list[index + 1];
      const handoff = followedByHandoff(
        list,
        index,
        handedOver && !list.slice(index + 1).some((e) => e.reply?.by === 'bot' && e.reply.answered),
      );
      const repeat =
        next !== undefined &&
        ((next.reply?.by === 'bot' && next.reply.meta.intent === reply.meta.intent) ||
          likeness(next.customer.text, text) >= REPEAT_LIKENESS);
      const negative = next !== undefined && polarityOf(next.customer) === 'negative';
      counts.matched++;
      if (handoff) counts.handoffs++;
      if (repeat) counts.repeats++;
      if (negative) counts.negatives++;
      if (handoff || repeat || negative) counts.failures++;
      out.quality.set(reply.meta.intent, counts);
    });
  }
  return out;
}
