import type { FlowReply, Lang } from './types.ts';

const TEXTS = {
  cancelled: {
    zh: '好的，已为您取消。还有其他可以帮您的吗？',
    en: "OK, I've cancelled that. Is there anything else I can help with?",
  },
  failed: {
    zh: '抱歉，这件事我暂时没能帮您办好。您可以稍后再试，或者转人工客服为您处理。',
    en: "Sorry, I couldn't finish this for you. You can try again later, or talk to one of our agents.",
  },
  resume: { zh: '我们接着刚才的事：', en: 'Back to what we were doing: ' },
  confirmReprompt: { zh: '请回复“是”或“否”。', en: 'Please answer Yes or No.' },
  handoverAgent: {
    zh: '正在为您转接人工客服，请稍候。',
    en: 'Let me connect you with one of our agents. One moment, please.',
  },
  handoverExpert: {
    zh: '您的问题需要专家处理，正在为您转接，请稍候。',
    en: 'This needs one of our specialists. Let me connect you; one moment, please.',
  },
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof TEXTS;

export function message(key: MessageKey, lang: Lang): string {
  return TEXTS[key][lang];
}

export function yesNoButtons(lang: Lang): FlowReply['buttons'] {
  return lang === 'zh'
    ? [
        { label: '是', payload: '是' },
        { label: '否', payload: '否' },
      ]
    : [
        { label: 'Yes', payload: 'Yes' },
        { label: 'No', payload: 'No' },
      ];
}
