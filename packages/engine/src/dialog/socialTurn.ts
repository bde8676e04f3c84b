import type { QuickReply } from '../bot/types.ts';
import { inOtherScript, onlyReference } from './references.ts';
import { detectSmallTalk, type SocialContext, socialReply } from './smallTalk.ts';
import { humanButton, referenceReplies } from './texts.ts';
import type { Asked, TurnOutput } from './types.ts';

/** A turn the engine answers without the knowledge base. */
export interface SocialTurn {
  kind: TurnOutput['kind'];
  text: string;
  buttons: QuickReply[];
  intent: string | null;
  /** what the reply asks the customer */
  asked: Asked | null;
  /** the customer said yes to the person the bot offered */
  handover: boolean;
}

/**
 * A message the bot answers as what it is rather than as a question: only an order card, a link or a
 * number ("what would you like to know about it?"), written in a script the bot cannot read, or small talk
 * (thanks, hello, "are you there", ok, "问题解决了", bye). Null for anything else.
 */
export function socialTurn(text: string, context: SocialContext): SocialTurn | null {
  const { lang } = context;
  const reference = onlyReference(text);
  if (reference) {
    const reply = referenceReplies[reference][lang];
    return { kind: 'clarify', text: reply, buttons: [], intent: null, asked: 'open', handover: false };
  }
  if (inOtherScript(text)) {
    const reply = referenceReplies.otherScript[lang];
    return { kind: 'unknown', text: reply, buttons: [], intent: null, asked: null, handover: false };
  }
  const social = detectSmallTalk(text);
  if (!social) return null;
  const reply = socialReply(social, context);
  return {
    kind: reply.handover ? 'handoff' : 'greeting',
    text: reply.text,
    // "anyone there?" is half a request for a person: one is a tap away
    buttons: social === 'anyone' ? [humanButton(lang)] : [],
    intent: reply.handover ? null : `smalltalk.${social}`,
    asked: reply.asked,
    handover: reply.handover === true,
  };
}
