import type { Lang } from '@tandem/protocol';

/** Every string the customer can see or hear (screen readers), in both languages. */
const zh = {
  defaultTitle: '在线客服',
  openChat: '打开在线客服',
  openChatUnread: '打开在线客服（{count} 条未读消息）',
  closeChat: '关闭聊天窗口',
  chatWindow: '在线客服聊天窗口',
  language: '语言',
  langZh: '中文',
  langEn: 'English',
  statusBot: '智能助手在线',
  statusQueued: '正在为您转接人工客服，请稍候…',
  statusAssigned: '客服 {name} 正在为您服务',
  statusAssignedAnon: '人工客服正在为您服务',
  statusResolved: '本次服务已结束，您可以继续提问',
  statusClosed: '本次对话已关闭，您可以继续提问',
  statusConnecting: '正在连接…',
  statusOffline: '网络已断开，正在重新连接…',
  statusUnavailable: '暂时无法连接客服',
  welcome: '您好！我是智能助手，有什么可以帮您？想找真人客服，随时点击下方的「转人工」。',
  botName: '智能助手',
  agentName: '客服',
  you: '我',
  saidBy: '{name}：',
  handoff: '转人工',
  handoffHint: '找真人客服',
  handoffWaiting: '正在排队…',
  handoffActive: '人工服务中',
  handoffFailed: '暂时无法转接人工，请稍后再试',
  messages: '聊天记录',
  inputLabel: '输入您的问题',
  inputPlaceholder: '请输入您的问题…',
  send: '发送',
  charCount: '{count}/{max} 字',
  tooLong: '消息太长了，请控制在 {max} 字以内（已超出 {over} 字）',
  sending: '发送中…',
  busy: '客服助手有点忙，稍等片刻…',
  notSent: '发送失败：{reason}',
  retry: '重试',
  retryConnect: '重新连接',
  typing: '{name}正在输入…',
  noticeQueued: '已为您转接人工客服，请稍候',
  noticeAgentJoined: '客服 {name} 已加入对话',
  noticeAgentJoinedAnon: '人工客服已加入对话',
  noticeResolved: '本次服务已结束，感谢您的耐心',
  noticeReopened: '对话已重新开启',
  noticeReleased: '客服已离开对话',
  errorTooLong: '消息太长了，请控制在 {max} 字以内',
  errorRateLimited: '发送太频繁了，请稍等片刻再试',
  errorBusy: '客服助手正忙，请稍后再试',
  errorInvalid: '这条消息无法发送，请修改后再试',
  errorNetwork: '网络不稳定，消息没有发出去',
  errorUnavailable: '客服暂时无法连接，请稍后再试',
  errorOutdated: '客服组件已更新，请刷新页面',
  errorGeneric: '出了点问题，请重试',
  elderToggle: '大字模式',
  elderWelcome: '您好！请在下面输入您的问题。找真人客服，请点「转人工」。',
  elderBot: '您好，我们在线',
  elderQueued: '正在找人工客服，请稍等',
  elderDone: '服务已结束，有问题可以接着问',
};

export type MessageKey = keyof typeof zh;
type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  defaultTitle: 'Customer service',
  openChat: 'Open customer service chat',
  openChatUnread: 'Open customer service chat ({count} unread)',
  closeChat: 'Close chat',
  chatWindow: 'Customer service chat',
  language: 'Language',
  langZh: '中文',
  langEn: 'English',
  statusBot: 'Assistant online',
  statusQueued: 'Connecting you to a person, please wait…',
  statusAssigned: '{name} is helping you',
  statusAssignedAnon: 'A person is helping you',
  statusResolved: 'This chat has been resolved; you can still ask more',
  statusClosed: 'This chat is closed; you can still ask more',
  statusConnecting: 'Connecting…',
  statusOffline: 'Connection lost, reconnecting…',
  statusUnavailable: 'Chat is unavailable right now',
  welcome:
    "Hello! I'm the assistant. How can I help? To talk to a person, tap “Talk to a person” below at any time.",
  botName: 'Assistant',
  agentName: 'Agent',
  you: 'You',
  saidBy: '{name}: ',
  handoff: 'Talk to a person',
  handoffHint: 'Reach a real person',
  handoffWaiting: 'In the queue…',
  handoffActive: 'With a person',
  handoffFailed: "Couldn't reach a person right now, please try again",
  messages: 'Chat messages',
  inputLabel: 'Type your question',
  inputPlaceholder: 'Type your question…',
  send: 'Send',
  charCount: '{count}/{max} characters',
  tooLong: 'Your message is too long: please keep it under {max} characters ({over} over)',
  sending: 'Sending…',
  busy: "We're a bit busy — one moment…",
  notSent: 'Not sent: {reason}',
  retry: 'Retry',
  retryConnect: 'Reconnect',
  typing: '{name} is typing…',
  noticeQueued: "You're being connected to a person, please wait",
  noticeAgentJoined: '{name} has joined the chat',
  noticeAgentJoinedAnon: 'A person has joined the chat',
  noticeResolved: 'This chat has been resolved. Thank you for your patience',
  noticeReopened: 'The chat has been reopened',
  noticeReleased: 'The agent has left the chat',
  errorTooLong: 'Your message is too long: please keep it under {max} characters',
  errorRateLimited: "You're sending too fast; please wait a moment and try again",
  errorBusy: "We're busy right now; please try again in a moment",
  errorInvalid: "This message can't be sent; please change it and try again",
  errorNetwork: "The connection is unstable; your message wasn't sent",
  errorUnavailable: 'Chat is unavailable right now; please try again later',
  errorOutdated: 'The chat has been updated; please reload the page',
  errorGeneric: 'Something went wrong; please try again',
  elderToggle: 'Larger text',
  elderWelcome: 'Hello! Type your question below, or tap “Talk to a person”.',
  elderBot: "Hello, we're here",
  elderQueued: 'Finding a person for you. Please wait.',
  elderDone: 'Finished. You can still ask us.',
};

export const dictionaries: Record<Lang, Dictionary> = { zh, en };

export type Vars = Record<string, string | number>;

/** Translates a key, filling `{placeholders}` from vars (values are plain text, never markup). */
export function t(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[lang][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = vars[name];
    return value === undefined ? match : String(value);
  });
}

/** The placeholders a template uses, e.g. ["count", "max"]. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
