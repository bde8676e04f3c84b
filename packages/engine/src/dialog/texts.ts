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

/**
 * Replies to small talk. Acknowledgements depend on what the bot asked last (`Asked`): an 「嗯」 after
 * "anything else?" is a go-ahead, after a did-you-mean list it is no choice yet, and alone it must not end
 * the conversation.
 */
export const smallTalkReplies = {
  bye: { zh: '感谢您的咨询，祝您生活愉快，再见！', en: 'Thanks for chatting with us — have a great day!' },
  /** "问题解决了", "thanks, that solved it!" */
  solved: {
    zh: '太好了，很高兴问题解决了！祝您生活愉快，再见。',
    en: "Great, glad that's sorted! Have a lovely day.",
  },
  /** "没事了", "that's all" */
  done: {
    zh: '好的，感谢您的咨询，祝您生活愉快，再见！',
    en: 'All right — thanks for chatting with us, and have a great day!',
  },
  thanks: {
    zh: '不客气！还有其他可以帮您的吗？',
    en: "You're welcome! Is there anything else I can help with?",
  },
  /** follows the greeting when a customer says hello */
  howCanIHelp: { zh: '请问有什么可以帮您？', en: 'How can I help you today?' },
  /** "在吗", "are you there", a hello or an 「嗯」 once the conversation has begun */
  here: { zh: '我在呢，请问有什么可以帮您？', en: "I'm here — how can I help?" },
  /** "有人吗", "anyone there": the bot says what it is, and a person is one tap away */
  bot: {
    zh: '我是智能客服，请问有什么可以帮您？需要人工客服也可以随时告诉我。',
    en: "I'm the virtual assistant — how can I help? If you'd rather talk to a person, just say so.",
  },
  /** goes in front of `bot` once the conversation has begun */
  imHere: { zh: '我在呢！', en: "I'm here!" },
  /** ok / 嗯 after an answer */
  ack: {
    zh: '好的。如果还有其他问题，随时告诉我。',
    en: "Great — if there's anything else, just let me know.",
  },
  /** ok / 嗯 after "anything else?": either may follow */
  goAhead: {
    zh: '好的，您请说。如果没有其他问题，祝您生活愉快！',
    en: "Sure — go ahead. And if that's all, have a great day!",
  },
  /** ok / 嗯 / no after a did-you-mean list */
  pick: {
    zh: '请点选上面的问题，或者换个说法告诉我您想问什么。',
    en: "Tap one of the questions above, or tell me in other words what you'd like to know.",
  },
  /** no after the bot offered a person */
  keepHelping: {
    zh: '好的，那我继续为您服务。请问还有什么可以帮您？',
    en: 'No problem — what else can I help you with?',
  },
  /** no, not now */
  noProblem: { zh: '好的，有需要随时告诉我。', en: 'No problem — just let me know if you need anything.' },
} satisfies Record<string, Record<Lang, string>>;

/**
 * Messages that are only a reference to something (an order card, a link, a number) or are written in
 * neither language: the bot asks what the customer would like to know rather than guessing.
 */
export const referenceReplies = {
  order: {
    zh: '收到订单信息。请问关于这个订单，您想了解什么？',
    en: 'Got your order — what would you like to know about it?',
  },
  link: {
    zh: '收到链接。请问关于它您想了解什么？',
    en: 'Thanks for the link — what would you like to know about it?',
  },
  number: {
    zh: '收到这个号码。请问它是订单号还是其他号码？您想了解什么呢？',
    en: 'Got the number — is it an order number or something else, and what would you like to know?',
  },
  other: { zh: '收到。请问您想咨询什么问题？', en: 'Got it — what would you like to ask?' },
  otherScript: {
    zh: '抱歉，我目前只能用中文或英文交流，请用中文或英文描述您的问题。',
    en: 'Sorry, I can only chat in English or Chinese — could you write your question in one of them?',
  },
} satisfies Record<string, Record<Lang, string>>;

export const humanButton = (lang: Lang): QuickReply => texts.humanButton[lang];
