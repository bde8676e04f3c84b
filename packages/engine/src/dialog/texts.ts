import type { Lang, QuickReply } from '../bot/types.ts';

/** Fixed wording of the conversation engine, in both languages. */
export const texts = {
  humanButton: {
    zh: { label: '转人工', payload: '转人工' },
    en: { label: 'Talk to a person', payload: 'talk to a person' },
  },
  handoverKeyword: {
    zh: '好的，正在为您转接人工客服，请稍候。',
    en: "Sure — I'm connecting you with a person now. Please hold on a moment.",
  },
  handoverRule: {
    zh: '这个问题需要专人为您处理，正在为您转接，请稍候。',
    en: 'A specialist needs to look at this — connecting you now, please hold on.',
  },
  offerHuman: {
    zh: '如果您希望，我可以马上为您转接人工客服。',
    en: 'If you prefer, I can connect you with a person right away.',
  },
  /** asked for a person again while waiting in the queue */
  stillWaiting: {
    zh: '您已在排队，人工客服接入后会第一时间回复您，您的消息都会保留。',
    en: "You're in the queue — a person will answer as soon as they join, and everything you write is kept.",
  },
  /** after an FAQ answer given while the customer waits for a person */
  answeredWhileWaiting: {
    zh: '（以上为机器人自动解答，人工客服仍会为您服务。）',
    en: '(An automatic answer while you wait — a person will still join you.)',
  },
  /** opens a human-first turn when the workspace has no greeting of its own */
  hello: { zh: '您好，欢迎咨询！', en: 'Hello and welcome!' },
  /** follows the greeting on a human-first turn */
  humanFirstConnecting: {
    zh: '正在为您接通人工客服，请稍候。',
    en: 'I’m connecting you with a person now — please hold on.',
  },
} satisfies Record<string, Record<Lang, unknown>>;

/**
 * What the bot says when an upset customer is handed over at once. One sentence that acknowledges the
 * feeling and says what happens next: a general empathy opening in front of it would promise that the
 * bot itself is handling it ("I'm checking on it now"), just before saying a person will.
 */
export const emotionHandover = {
  /** anger, disgust: apologise */
  anger: {
    zh: '非常抱歉给您带来这么糟糕的体验，我马上为您转接人工客服优先处理，请稍候。',
    en: "I'm truly sorry for such a bad experience. I'm bringing in a person to handle this with priority right now — please hold on.",
  },
  /** fear (urgency, anxiety): reassure */
  fear: {
    zh: '明白这件事对您很紧急，请别担心，我马上为您转接人工客服优先处理，请稍候。',
    en: "I understand this is urgent — please don't worry. I'm bringing in a person to handle it with priority right now; please hold on.",
  },
  /** sadness and anything else negative */
  other: {
    zh: '很抱歉您遇到这样的情况，我马上为您转接人工客服优先处理，请稍候。',
    en: "I'm so sorry you're dealing with this. I'm bringing in a person to handle it with priority right now — please hold on.",
  },
  /** when the workspace turned empathy off */
  plain: {
    zh: '我马上为您转接人工客服优先处理，请稍候。',
    en: "I'm bringing in a person to handle this with priority right now — please hold on.",
  },
} satisfies Record<string, Record<Lang, string>>;

export type SmallTalk = 'bye' | 'thanks' | 'hello' | 'ack';

const words = (list: string) => list.split(' ');

/**
 * Social messages the engine answers itself when they are the whole message ("谢谢", "ok thanks", "hi
 * there"): without this a "thank you" got "Sorry, I don't know that" and counted as a miss, so "谢谢" then
 * "好的" handed a satisfied customer to a person. Compared without case, spaces or punctuation; when
 * a message mixes kinds the first kind listed here wins ("ok, bye" is a goodbye).
 */
export const smallTalkWords: Record<SmallTalk, string[]> = {
  bye: words('再见 拜拜 回见 下次见 bye byebye goodbye seeyou seeya goodnight'),
  thanks: words('谢谢 多谢 感谢 谢啦 谢了 辛苦了 辛苦 thanks thank thx ty cheers appreciateit'),
  hello: words(
    '你好 您好 哈喽 嗨 早上好 上午好 下午好 晚上好 在吗 在不在 hi hello hey hiya goodmorning goodafternoon goodevening',
  ),
  ack: words(
    '好的 好滴 好 好吧 嗯 嗯嗯 哦 噢 行 知道了 明白了 明白 了解 收到 ok okay k gotit alright cool great fine nice understood',
  ),
};
/** may stand beside the words above ("thank you so much", "谢谢你啦", "客服你好") */
export const smallTalkFillers = words(
  '你 您 你们 客服 亲 啦 呀 啊 哈 哈哈 呢 吧 的 了 you so much very alot there all guys again oh then',
);

export const smallTalkReplies: Record<Exclude<SmallTalk, 'hello'>, Record<Lang, string>> & {
  howCanIHelp: Record<Lang, string>;
} = {
  bye: { zh: '感谢您的咨询，祝您生活愉快，再见！', en: 'Thanks for chatting with us — have a great day!' },
  thanks: {
    zh: '不客气！还有其他可以帮您的吗？',
    en: "You're welcome! Is there anything else I can help with?",
  },
  ack: {
    zh: '好的。如果还有其他问题，随时告诉我。',
    en: "Great — if there's anything else, just let me know.",
  },
  /** follows the greeting when a customer says hello */
  howCanIHelp: { zh: '请问有什么可以帮您？', en: 'How can I help you today?' },
};

export const humanButton = (lang: Lang): QuickReply => texts.humanButton[lang];
