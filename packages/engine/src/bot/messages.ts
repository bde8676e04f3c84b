import type { HandoffReason, Lang } from './types.ts';

/** What the bot says when it does not know; rotated so a customer never reads the same failure twice in a row. */
export const UNKNOWN_REPLIES: Record<Lang, readonly string[]> = {
  zh: [
    '抱歉，这个问题我还不会回答。您可以换个说法再问我，或者直接转人工客服。',
    '这个我暂时还不清楚。能再具体描述一下吗？也可以随时让我为您转接人工。',
    '不好意思，我还没有学会这个问题。您可以换一种问法，或者联系人工客服。',
  ],
  en: [
    "Sorry, I don't know the answer to that yet. Could you put it another way, or would you like a person to help?",
    "I'm not sure about that one yet. Could you tell me a bit more? A person is one tap away if you prefer.",
    "I haven't learned that yet. Try asking it differently, or ask for a person.",
  ],
};

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
