import type { HandoffReason, Lang } from './types.ts';

/**
 * What the bot says when it cannot help: an honest "I can't help with that", what it can help with (the
 * knowledge base's topics, when it can name them) and the way on: another wording or a person. Rotated so
 * a customer never reads the same failure twice in a row.
 */
const DECLINES: Record<Lang, ReadonlyArray<{ opening: string; next: string }>> = {
  zh: [
    { opening: '抱歉，这个问题我帮不上忙。', next: '您可以换个说法再问我，或者直接转人工客服。' },
    { opening: '这个我暂时还回答不了。', next: '能再具体描述一下吗？也可以随时让我为您转接人工。' },
    { opening: '不好意思，我还没有学会这个问题。', next: '您可以换一种问法，或者联系人工客服。' },
  ],
  en: [
    {
      opening: "Sorry, I can't help with that one.",
      next: 'Could you put it another way, or would you like a person to help?',
    },
    {
      opening: "I'm not sure about that one yet.",
      next: 'Could you tell me a bit more? A person is one tap away if you prefer.',
    },
    { opening: "I haven't learned that yet.", next: 'Try asking it differently, or ask for a person.' },
  ],
};

/** In place of the opening when the question is about another company ("my Amazon order", "招商银行信用卡"). */
const ELSEWHERE: Record<Lang, string> = {
  zh: '抱歉，这似乎是其他平台或机构的问题，我只能解答与我们有关的问题。',
  en: 'Sorry, that sounds like a question for another company — I can only help with questions about us.',
};

const CAN_HELP_WITH: Record<Lang, (topics: string) => string> = {
  zh: (topics) => `我可以解答${topics}等方面的问题。`,
  en: (topics) => `I can help with ${topics}.`,
};

/** How many different "can't help" replies there are (the state remembers the last one used). */
export const DECLINE_VARIANTS = 3;

/** The `index`-th "can't help" reply, naming what the bot can help with when `topics` is given. */
export function declineText(
  lang: Lang,
  index: number,
  options: { topics?: string | null; elsewhere?: boolean } = {},
): string {
  const list = DECLINES[lang];
  const { opening, next } = list[index % list.length] ?? list[0]!;
  const parts = [options.elsewhere ? ELSEWHERE[lang] : opening];
  if (options.topics) parts.push(CAN_HELP_WITH[lang](options.topics));
  parts.push(next);
  return parts.join(lang === 'zh' ? '' : ' ');
}

/** Prompt for messages with nothing to match (only emoji, punctuation or spaces). */
export const EMPTY_REPLIES: Record<Lang, readonly string[]> = {
  zh: ['请问有什么可以帮您？直接输入您的问题就好。', '我在呢，请告诉我您想咨询什么问题。'],
  en: ['How can I help? Just type your question.', "I'm here — what would you like to ask?"],
};

export const CLARIFY_TEXT: Record<Lang, string> = {
  zh: '您是想问以下哪个问题？',
  en: 'Did you mean one of these?',
};

export const HANDOFF_TEXT: Record<HandoffReason, Record<Lang, string>> = {
  customer_request: {
    zh: '好的，正在为您转接人工客服，请稍候。',
    en: "Sure, I'm getting a person to help you. Please hold on a moment.",
  },
  repeated_miss: {
    zh: '抱歉没能帮到您，正在为您转接人工客服，请稍候。',
    en: "Sorry I couldn't help with that. I'm getting a person for you now, please hold on.",
  },
};

/** A quick reply that asks for a person (for surfaces without a permanent handoff button). */
export const HUMAN_BUTTON: Record<Lang, { label: string; payload: string }> = {
  zh: { label: '转人工客服', payload: '转人工' },
  en: { label: 'Talk to a person', payload: 'talk to a person' },
};
