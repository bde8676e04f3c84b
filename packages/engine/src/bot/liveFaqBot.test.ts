import { describe, expect, it } from 'vitest';
import { createLiveFaqBot } from './liveFaqBot.ts';
import { testKnowledge } from './testKnowledge.ts';
import { initialBotState, type KnowledgeEntry } from './types.ts';

const giftCards: KnowledgeEntry = {
  id: 'gift-cards',
  category: 'billing',
  questions: {
    zh: ['礼品卡怎么用', '礼品卡余额怎么查'],
    en: ['How do I use a gift card?', 'gift card balance'],
  },
  answer: {
    zh: '结算时选择“礼品卡”并输入卡号。',
    en: 'Choose "Gift card" at checkout and enter the card number.',
  },
  related: [],
};

describe('createLiveFaqBot', () => {
  it('answers at once, swaps in the trained engine, then takes knowledge edits and rollbacks', async () => {
    const bot = createLiveFaqBot(testKnowledge);
    // Before training finishes the lexical version answers exact phrasings.
    expect(bot.reply(initialBotState, '怎么开发票').decision).toMatchObject({
      kind: 'answer',
      entryId: 'invoice',
    });

    const first = await bot.ready;
    expect(first).toMatchObject({ version: 2, note: 'initial training' });
    expect(bot.reply(initialBotState, 'I would like my money back').decision).toMatchObject({
      kind: 'answer',
      entryId: 'refund',
    });
    expect(bot.reply(initialBotState, 'how do I use my gift card').decision.kind).not.toBe('answer');

    const second = await bot.update([...testKnowledge, giftCards], 'added gift cards');
    expect(second.version).toBe(3);
    expect(bot.reply(initialBotState, 'how do I use my gift card').decision).toMatchObject({
      kind: 'answer',
      entryId: 'gift-cards',
    });

    expect(bot.rollback()?.version).toBe(2);
    expect(bot.reply(initialBotState, 'how do I use my gift card').decision.kind).not.toBe('answer');
    expect(bot.versions.history().map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
