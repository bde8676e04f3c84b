import { describe, expect, it } from 'vitest';
import { trainFaqEngine } from '../retrieval/faqEngine.ts';
import { createFaqBot } from './createFaqBot.ts';
import { createLexicalMatcher } from './lexicalMatcher.ts';
import { prototypeWordKnowledge, testKnowledge } from './testKnowledge.ts';
import { initialBotState } from './types.ts';

const knowledge = [...testKnowledge, ...prototypeWordKnowledge];

describe('FAQ knowledge that uses names of Object.prototype members', () => {
  it('trains, and the engine finds those entries and the others', () => {
    const engine = trainFaqEngine(knowledge, { seed: 1 });
    expect(engine.search('constructor').candidates[0]?.entryId).toBe('constructor');
    expect(engine.search('what is the __proto__ of toString').candidates[0]?.entryId).toBe('toString');
    expect(engine.search('toString 和 valueOf 的区别').candidates[0]?.entryId).toBe('toString');
    expect(engine.search('How do I get a refund?').candidates[0]?.entryId).toBe('refund');
  });

  it('gives a bot that answers them, with related buttons', () => {
    const bot = createFaqBot(knowledge, { seed: 1 });
    const { decision } = bot.reply(initialBotState, 'What is a constructor?');
    expect(decision).toMatchObject({ kind: 'answer', entryId: 'constructor', lang: 'en' });
    if (decision.kind === 'answer') {
      expect(decision.text).toContain('creates an object');
      expect(decision.buttons.map((b) => b.label)).toEqual(['What is the __proto__ of toString?']);
    }
    expect(bot.reply(initialBotState, 'constructor 是什么').decision).toMatchObject({
      kind: 'answer',
      entryId: 'constructor',
    });
    expect(bot.reply(initialBotState, 'I forgot my password').decision).toMatchObject({
      entryId: 'password',
    });
  });

  it('gives a bot that still replies when a customer just writes such a word', () => {
    const bot = createFaqBot(testKnowledge, { seed: 1 });
    for (const text of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
      const { decision } = bot.reply(initialBotState, text);
      expect(decision.text.length).toBeGreaterThan(0);
      expect(bot.reply(initialBotState, `${text} 是什么`).decision.text.length).toBeGreaterThan(0);
    }
    const lexical = createLexicalMatcher(knowledge);
    expect(lexical.match('constructor').candidates[0]?.entryId).toBe('constructor');
  });
});
