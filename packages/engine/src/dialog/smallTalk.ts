import type { Lang } from '../bot/types.ts';
import { joinSentences } from './language.ts';
import { phrasingKey } from './phrasing.ts';
import type { BotSettings } from './settings.ts';
import { type SmallTalk, smallTalkFillers, smallTalkReplies, smallTalkWords, texts } from './texts.ts';

// earlier kinds win when a message mixes them: "ok thanks bye" is a goodbye
const SMALL_TALK_ORDER: SmallTalk[] = ['bye', 'thanks', 'hello', 'ack'];
const smallTalkEntries = [
  ...SMALL_TALK_ORDER.flatMap((kind, i) => smallTalkWords[kind].map((word) => ({ word, bit: 1 << i }))),
  ...smallTalkFillers.map((word) => ({ word, bit: 0 })),
];

/** "谢谢" / "ok thanks" / "hi there" / "bye": a whole message of social words, or null. */
export function detectSmallTalk(text: string): SmallTalk | null {
  const input = phrasingKey(text);
  if (input.length === 0 || input.length > 24) return null;
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
  return SMALL_TALK_ORDER.find((_, i) => kinds & (1 << i)) ?? null;
}

/** The workspace's greeting, or the default one. */
export const greetingText = (settings: BotSettings, lang: Lang) =>
  settings.greeting?.[lang] ?? texts.hello[lang];

/** The polite reply to small talk; a hello is greeted back with an offer to help. */
export const smallTalkText = (social: SmallTalk, settings: BotSettings, lang: Lang) =>
  social === 'hello'
    ? joinSentences(lang, greetingText(settings, lang), smallTalkReplies.howCanIHelp[lang])
    : smallTalkReplies[social][lang];
