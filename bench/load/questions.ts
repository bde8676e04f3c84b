/**
 * What the simulated customers type: everyday shop questions, greetings and thanks, written for this benchmark
 * (not taken from any evaluation set). Neutral in tone, so the bot's emotion rules do not hand them over.
 */
export const QUESTIONS: Record<'zh' | 'en', readonly string[]> = {
  zh: [
    '你好',
    '在吗',
    '我的快递到哪了',
    '订单显示已发货，物流一直没更新',
    '我想取消刚下的订单',
    '下单后还能改收货地址吗',
    '怎么申请退款',
    '退款一般几天到账',
    '退货的运费谁来承担',
    '衣服尺码不对，可以换一件吗',
    '怎么开发票',
    '发票能写公司名称吗',
    '电子发票在哪里下载',
    '忘记登录密码了怎么办',
    '手机收不到验证码',
    '运费怎么算',
    '满多少包邮',
    '你们发什么快递',
    '新疆能送到吗',
    '积分有什么用',
    '会员等级怎么升级',
    '同行卡账单日是哪天',
    '可以分期付款吗',
    '付款一直失败',
    '好的，谢谢',
  ],
  en: [
    'hi',
    'hello there',
    'where is my package?',
    'my tracking number has not updated for days',
    'how do I get a refund?',
    'when will my refund arrive?',
    'can I cancel my order?',
    'how do I return something?',
    'do I have to pay for the return postage?',
    'can I swap these shoes for a bigger size?',
    'how can I get an invoice for my order?',
    'I need an invoice with my company name on it',
    'I forgot my password',
    'the verification code never arrives',
    'how much does shipping cost?',
    'how long does delivery usually take?',
    'do you ship to Hong Kong?',
    'how do I use my reward points?',
    'which payment methods can I use?',
    'can I pay in instalments?',
    'thanks a lot',
  ],
};

/** Asking for a person by typing, as some customers do (the bot hands over on these words). */
export const HANDOFF_WORDS: Record<'zh' | 'en', readonly string[]> = {
  zh: ['人工', '转人工', '我要找人工客服'],
  en: ['human', 'talk to a human please', 'can I speak to a person'],
};

/** What the simulated agents write. */
export const AGENT_LINES: Record<'zh' | 'en', readonly string[]> = {
  zh: [
    '您好，我是客服，请问有什么可以帮您？',
    '好的，我帮您查一下，请稍等。',
    '已经为您处理好了，还有其他问题吗？',
  ],
  en: [
    'Hi, this is customer service, how can I help?',
    'Sure, let me check that for you.',
    'That is sorted now. Anything else I can do?',
  ],
};

export const pick = <T>(items: readonly T[], random: () => number = Math.random): T =>
  items[Math.floor(random() * items.length)] as T;
