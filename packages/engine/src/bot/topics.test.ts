import { describe, expect, it } from 'vitest';
import { testKnowledge } from './testKnowledge.ts';
import { knowledgeTopics } from './topics.ts';
import type { KnowledgeEntry } from './types.ts';

const entry = (id: string, category: string): KnowledgeEntry => ({
  id,
  category,
  questions: { zh: ['问'], en: ['ask'] },
  answer: { zh: '答', en: 'answer' },
  related: [],
});

describe('knowledgeTopics', () => {
  it('names the largest categories in the reply language, in the knowledge base order', () => {
    const entries = [
      entry('a', 'shipping'),
      entry('b', 'orders'),
      entry('c', 'orders'),
      entry('d', 'refunds'),
      entry('e', 'shipping'),
    ];
    expect(knowledgeTopics(entries, 'zh')).toBe('物流配送、订单、退款');
    expect(knowledgeTopics(entries, 'en')).toBe('delivery, orders and refunds');
  });

  it('keeps at most six, dropping the smallest', () => {
    const names = ['orders', 'shipping', 'returns', 'refunds', 'invoices', 'account', 'membership'];
    const entries = names.flatMap((name, i) =>
      Array.from({ length: 7 - i }, (_, n) => entry(`${name}${n}`, name)),
    );
    expect(knowledgeTopics(entries, 'en')).toBe(
      'orders, delivery, returns, refunds, invoices and your account',
    );
  });

  it("names a workspace's own category only in its own language", () => {
    const entries = [entry('a', '以旧换新'), entry('b', 'gift-cards')];
    expect(knowledgeTopics(entries, 'zh')).toBe('以旧换新');
    expect(knowledgeTopics(entries, 'en')).toBe('gift cards');
    expect(knowledgeTopics([entry('x', '以旧换新')], 'en')).toBeNull();
  });

  it('reads category names as data: a prototype member is just an unknown word', () => {
    expect(knowledgeTopics([entry('a', 'constructor'), entry('b', '__proto__')], 'zh')).toBeNull();
    expect(knowledgeTopics([entry('a', 'constructor')], 'en')).toBe('constructor');
    expect(knowledgeTopics(testKnowledge, 'en')).toContain('orders');
  });
});
