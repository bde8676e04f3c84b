/** The kinds of small talk, in order of precedence when a message mixes them ("好的谢谢再见" is a goodbye). */
export const SMALL_TALK_KINDS = [
  'bye',
  'solved',
  'done',
  'no',
  'thanks',
  'anyone',
  'here',
  'hello',
  'ack',
] as const;
export type SmallTalk = (typeof SMALL_TALK_KINDS)[number];

const words = (list: string) => list.split(/\s+/).filter((w) => w.length > 0);

/**
 * Social messages the engine answers itself when they are the whole message ("谢谢", "ok thanks", "hi
 * there", "谢谢，问题解决了"): without this "thank you" got "Sorry, I don't know that" and counted as a miss,
 * and "thanks, that solved it!" got an article. Compared without case, spaces or punctuation (see
 * `phrasingKey`), so multi-word English phrases are written run together.
 */
export const smallTalkWords: Record<SmallTalk, string[]> = {
  bye: words('再见 拜拜 拜 回见 下次见 下次再聊 88 bye byebye goodbye seeyou seeya cya goodnight ttyl'),
  // the customer's problem is solved: close warmly
  solved: words(`
    解决了 解决啦 已解决 问题解决了 搞定了 搞定 弄好了 成功了 有用 有帮助 帮大忙了
    solved sorted resolved fixed worked works helped thatsolvedit thathelped thathelps itworked itworks`),
  // nothing more to ask: close politely
  done: words(`
    没事了 没事 没问题了 没有了 没了 没别的了 没有别的了 没其他问题了 没有其他问题了 没别的问题了
    就这些 就这些了 就这样 就这样吧 好了 可以了 行了
    thatsall thatsit thatsallfornow nothingelse nothingmore allgood allset imgood imallset imdone done thatllbeall`),
  no: words(
    '不用了 不用 不需要 不需要了 不要了 不了 不是 不对 没有 no nope nah nothanks notnow noneed notreally',
  ),
  thanks: words(`
    谢谢 谢谢你 多谢 感谢 感谢您 谢啦 谢了 谢谢啦 辛苦了 辛苦 麻烦了 3q
    thanks thank thx ty tks tq cheers appreciateit appreciated`),
  // "is anyone there?": asks about a person as much as about the bot
  anyone: words(`
    有人吗 有人在吗 有没有人 有人不 有人么 有人没 有人在不
    anyonethere anybodythere isanyonethere isanybodythere isthereanyone isthereanybody anyonehome someonethere`),
  // "are you there?"
  here: words(`
    在吗 在不 在么 在不在 在嘛 在没 在 还在吗 还在不 在线吗
    areyouthere youthere areyoustillthere stillthere areyouonline youonline`),
  hello: words(`
    你好 您好 哈喽 哈罗 嗨 早 早上好 早安 上午好 中午好 下午好 晚上好 亲 亲亲 亲爱的
    hi hello hey hiya heya hallo howdy goodmorning goodafternoon goodevening morning greetings`),
  ack: words(`
    好的 好滴 好哒 好嘞 好 好吧 嗯 嗯嗯 恩 恩恩 哦 噢 喔 哦哦 行 行吧 知道了 明白了 明白 了解 了解了 收到 懂了
    是的 是 对 对的 可以
    ok okay okey k kk gotit alright allright cool great fine nice understood yes yeah yep yup sure right noproblem`),
};

/** May stand beside the words above ("thank you so much", "谢谢你啦", "客服你好", "thanks, that solved it"). */
export const smallTalkFillers = words(`
  你 您 你们 客服 啦 呀 啊 哈 哈哈 呢 吧 的 了 嘛 呐 哟 问题 已经 都 我
  me you so much very alot a lot there all guys again oh then that thats it its this is just now for your help problem issue
  really later already`);

/** Emoji that say a word: 👍 is "ok", 🙏 is "thanks". */
export const smallTalkEmoji: ReadonlyArray<[RegExp, string]> = [
  [/[\u{1F44D}\u{1F44C}\u{1F197}\u{2705}]/gu, ' ok '],
  [/\u{1F64F}/gu, ' thanks '],
  [/\u{1F44B}/gu, ' hi '],
];
