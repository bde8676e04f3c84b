import { describe, expect, it } from 'vitest';
import { testKnowledge } from '../bot/testKnowledge.ts';
import type { KnowledgeEntry } from '../bot/types.ts';
import { trainFaqEngine } from './faqEngine.ts';

const shipping: KnowledgeEntry[] = [
  {
    id: 'areas',
    category: 'shipping',
    questions: {
      zh: ['能寄到新疆吗', '你们发香港吗', '偏远地区能配送吗'],
      en: ['Do you ship to Hong Kong?', 'can you deliver overseas'],
    },
    answer: { zh: '我们配送至中国大陆所有地区。', en: 'We deliver everywhere in mainland China.' },
    related: [],
  },
  {
    id: 'fee',
    category: 'shipping',
    questions: {
      zh: ['运费多少钱', '满多少包邮'],
      en: ['How much is shipping?', 'do you have free shipping'],
    },
    answer: { zh: '满 99 元包邮。', en: 'Free shipping from ¥99.' },
    related: [],
  },
  {
    id: 'protection',
    category: 'refunds',
    questions: { zh: ['价格保护怎么申请', '降价了能退差价吗'], en: ['do you have price protection'] },
    answer: { zh: '付款后 7 天内降价可申请价格保护。', en: 'Price protection refunds a drop within 7 days.' },
    related: [],
  },
];

describe('a message that only names a topic', () => {
  const engine = trainFaqEngine([...testKnowledge, ...shipping]);

  it('is not answered with the likeliest article of the topic', () => {
    for (const heading of ['配送咨询', '你好 配送咨询', '退款处理']) {
      expect(engine.search(heading).outcome, heading).not.toBe('answer');
    }
  });

  it('is offered the entries of its topic', () => {
    const result = engine.search('配送咨询');
    expect(result.topic).toBe(true);
    expect(result.candidates.map((c) => c.entryId).sort()).toEqual(['areas', 'fee']);
  });

  it('is answered when the entry holds its words', () => {
    expect(engine.search('价格保护').outcome).toBe('answer');
  });

  it('is a question, a request or a problem as soon as it asks something', () => {
    expect(engine.search('配送咨询：能寄到新疆吗').candidates[0]?.entryId).toBe('areas');
    expect(engine.search('能寄到新疆吗').outcome).toBe('answer');
  });
});
