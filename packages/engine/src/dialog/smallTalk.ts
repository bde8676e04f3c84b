import type { Lang } from '../bot/types.ts';
import { joinSentences } from './language.ts';
import { phrasingKey } from './phrasing.ts';
import type { BotSettings } from './settings.ts';
import {
  SMALL_TALK_KINDS,
  type SmallTalk,
  smallTalkEmoji,
  smallTalkFillers,
  smallTalkWords,
} from './smallTalkWords.ts';
import { smallTalkReplies, texts } from './texts.ts';
import type { Asked } from './types.ts';

export type { SmallTalk };

const MAX_KEY_LENGTH = 32;
const smallTalkEntries = [
  ...SMALL_TALK_KINDS.flatMap((kind, i) => smallTalkWords[kind].map((word) => ({ word, bit: 1 << i }))),
  ...smallTalkFillers.map((word) => ({ word, bit: 0 })),
];

/** "谢谢" / "ok thanks" / "hi there" / "问题解决了" / "👍": a whole message of social words, or null. */
export function detectSmallTalk(text: string): SmallTalk | null {
  let spelled = text;
  for (const [emoji, word] of smallTalkEmoji) spelled = spelled.replace(emoji, word);
  const input = phrasingKey(spelled);
  if (input.length === 0 || input.length > MAX_KEY_LENGTH) return null;
  // reach[i]: the kinds of word used to read input[0..i) (a bit per kind), undefined when it cannot be read
  const reach: Array<number | undefined> = [0];
  for (let i = 0; i < input.length; i++) {
    const here = reach[i];
    if (here === undefined) continue;
    for (const { word, bit } of smallTalkEntries) {
      if (input.startsWith(word, i)) reach[i + word.length] = (reach[i + word.length] ?? 0) | here | bit;
    }
  }
  const kinds = reach[input.length];
  if (!kinds) return null;
  return SMALL_TALK_KINDS.find((_, i) => kinds & (1 << i)) ?? null;
}

/** The workspace's greeting, or the default one. */
export const greetingText = (settings: BotSettings, lang: Lang) =>
  settings.greeting?.[lang] ?? texts.hello[lang];

export interface SocialReply {
  text: string;
  /** what the reply asks the customer, so the next 「嗯」 or "no" is read as its answer */
  asked: Asked | null;
  /** the customer said yes to the person the bot offered */
  handover?: true;
}

export interface SocialContext {
  asked: Asked | null;
  /** nothing has been said yet: a hello is greeted with the workspace's greeting */
  firstTurn: boolean;
  settings: BotSettings;
  lang: Lang;
}

/**
 * The reply to small talk. Closings ("问题解决了", "that's all", bye) close politely; thanks is answered
 * with an offer of more help; an acknowledgement or a "no" is read as the answer to what the bot asked
 * last, and never ends a conversation that has not begun.
 */
export function socialReply(kind: SmallTalk, context: SocialContext): SocialReply {
  const { asked, firstTurn, settings, lang } = context;
  const say = (key: keyof typeof smallTalkReplies, next: Asked | null = null): SocialReply => ({
    text: smallTalkReplies[key][lang],
    asked: next,
  });
  const welcome = (): SocialReply => ({
    text: joinSentences(lang, greetingText(settings, lang), smallTalkReplies.howCanIHelp[lang]),
    asked: 'open',
  });
  switch (kind) {
    case 'bye':
    case 'solved':
    case 'done':
    case 'thanks':
      return say(kind, kind === 'thanks' ? 'more' : null);
    case 'anyone': {
      const first = firstTurn ? greetingText(settings, lang) : smallTalkReplies.imHere[lang];
      return { text: joinSentences(lang, first, smallTalkReplies.bot[lang]), asked: 'open' };
    }
    case 'here':
    case 'hello':
      return firstTurn ? welcome() : say('here', 'open');
    case 'no':
      if (asked === 'more') return say('done');
      if (asked === 'person') return say('keepHelping', 'open');
      if (asked === 'choice') return say('pick', 'choice');
      return firstTurn ? welcome() : say('noProblem');
    case 'ack':
      if (asked === 'person') return { text: texts.handoverKeyword[lang], asked: null, handover: true };
      if (asked === 'more') return say('goAhead', 'open');
      if (asked === 'choice') return say('pick', 'choice');
      if (firstTurn) return welcome();
      return asked === 'open' ? say('here', 'open') : say('ack');
  }
}
