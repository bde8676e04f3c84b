import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqBot } from './createFaqBot.ts';
import { initialBotState, type KnowledgeEntry } from './types.ts';

// The demo knowledge base the server ships (written by the server's engineers): the realistic fixture.
const file = new URL('../../../../apps/server/src/demo/knowledge.json', import.meta.url);

/** Hand-written paraphrases, not taken from the knowledge base or any dataset. */
const paraphrases: [string, string][] = [
  ['我的快递怎么还没到，能查一下到哪了吗', 'orders.track'],
  ['刚下的单不想要了，怎么撤销', 'orders.cancel'],
  ['登录密码忘了怎么找回', 'account.forgot-password'],
  ['发票要写公司名字，怎么弄', 'invoices.company'],
  ['退款一般几天能到账', 'refunds.time'],
  ['同行卡丢了怎么办 急', 'payment.lost-card'],
  ['积分有没有有效期', 'membership.points-expiry'],
  ['你们支持支付宝付款吗', 'payment.methods'],
  ['忘記密碼怎麼辦', 'account.forgot-password'],
  ['How do I track my parcel?', 'orders.track'],
  ['I want to cancel the order I just placed', 'orders.cancel'],
  ["can't remember my password", 'account.forgot-password'],
  ['how long until I get my refund', 'refunds.time'],
  ['my tandem card is lost', 'payment.lost-card'],
  ['do my points expire at some point', 'membership.points-expiry'],
  ['do you take apple pay or paypal', 'payment.methods'],
  ['the item came damaged', 'returns.damaged'],
];

describe.runIf(existsSync(file))('the demo knowledge base', () => {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as KnowledgeEntry[];
  const bot = createFaqBot(entries);
  const firstQuestion = (id: string, lang: 'zh' | 'en') =>
    entries.find((e) => e.id === id)?.questions[lang][0];

  it('answers hand-written paraphrases in their language, or offers the right entry', () => {
    let answered = 0;
    const missed: string[] = [];
    for (const [text, id] of paraphrases) {
      const { decision } = bot.reply(initialBotState, text);
      expect(decision.lang, text).toBe(/[a-z]/i.test(text) ? 'en' : 'zh');
      if (decision.kind === 'answer') {
        expect(decision.entryId, text).toBe(id);
        answered++;
      } else {
        expect(decision.kind, text).toBe('clarify');
        const offered = decision.kind === 'clarify' ? decision.buttons.map((b) => b.payload) : [];
        if (!offered.includes(firstQuestion(id, decision.lang) ?? '')) missed.push(text);
      }
    }
    // Never a wrong answer; at most one "did you mean" without the right entry; mostly straight answers.
    expect(missed.length, missed.join(' | ')).toBeLessThanOrEqual(1);
    expect(answered).toBeGreaterThanOrEqual(paraphrases.length * 0.6);
  });

  it('does not answer questions that are not about the shop', () => {
    for (const text of [
      '今天北京天气怎么样',
      '给我讲个关于猫的笑话',
      'who won the world cup in 2010',
      'write me a poem about the sea',
    ]) {
      expect(bot.reply(initialBotState, text).decision.kind, text).not.toBe('answer');
    }
  });
});
