import type { Lang } from '../bot/types.ts';
import type { EscalationAdvice } from '../emotion/index.ts';
import { joinSentences } from './language.ts';
import { humanButton, texts } from './texts.ts';
import type { TurnReply } from './types.ts';

/** The empathy opening goes in front of the first reply, not as a message of its own. */
export function withOpening(opening: string | null, lang: Lang, replies: TurnReply[]): TurnReply[] {
  if (!opening || replies.length === 0) return replies;
  const [first, ...rest] = replies as [TurnReply, ...TurnReply[]];
  return [{ ...first, text: joinSentences(lang, opening, first.text) }, ...rest];
}

/** An upset customer who is still served by the bot is offered a person after the reply. */
export const offerPerson = (
  advice: EscalationAdvice | null,
  lang: Lang,
  replies: TurnReply[],
): TurnReply[] =>
  advice?.escalate ? [...replies, { text: texts.offerHuman[lang], buttons: [humanButton(lang)] }] : replies;
