import type { Lang, QuickReply } from '../bot/types.ts';

/** Fixed wording of the conversation engine, in both languages. */
export const texts = {
  humanButton: { zh: { label: '转人工', payload: '转人工' }, en: { label: 'Talk to a person', payload: 'talk to a person' } },
  handoverKeyword: {
    zh: '好的，正在为您转接人工客服，请稍候。',
    en: "Sure — I'm connecting you with a person now. Please hold on a moment.",
  },
  handoverEmotion: {
    zh: '我马上为您转接人工客服优先处理，请稍候。',
    en: "I'm bringing in a person to handle this with priority right now — please hold on.",
  },
  handoverRule: {
    zh: '这个问题需要专人为您处理，正在为您转接，请稍候。',
    en: 'A specialist needs to look at this — connecting you now, please hold on.',
  },
  offerHuman: {
    zh: '如果您希望，我可以马上为您转接人工客服。',
    en: 'If you prefer, I can connect you with a person right away.',
  },
  humanFirstGreeting: {
    zh: '您好，欢迎咨询！正在为您接通人工客服，请稍候。',
    en: 'Hello and welcome! I’m connecting you with a person now — please hold on.',
  },
} satisfies Record<string, Record<Lang, unknown>>;

export const humanButton = (lang: Lang): QuickReply => texts.humanButton[lang];
