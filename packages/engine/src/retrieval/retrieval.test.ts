import { describe, expect, it } from 'vitest';
import { testKnowledge } from '../bot/testKnowledge.ts';
import { Analyzer } from '../lang/analyzer.ts';
import { Bm25Index } from './bm25.ts';
import { trainFaqEngine } from './faqEngine.ts';
import { answerSentences, faqExamples } from './faqExamples.ts';
import { FaqIndex } from './faqIndex.ts';
import { lexicalTerms } from './terms.ts';

const docs = [
  { key: 'a', terms: ['reset', 'password'] },
  { key: 'b', terms: ['track', 'parcel'] },
  { key: 'b', terms: ['where', 'is', 'my', 'parcel'] },
  { key: 'c', terms: ['refund', 'order'] },
];

describe('Bm25Index', () => {
  it('ranks by overlap and keeps the best document per key', () => {
    const index = new Bm25Index(docs);
    const hits = index.search(['where', 'is', 'my', 'parcel']);
    expect(hits[0]).toMatchObject({ key: 'b', similarity: 1 });
    expect(hits.map((h) => h.key)).toEqual(['b']);
  });

  it('counts words nobody wrote against the match', () => {
    const index = new Bm25Index(docs);
    const exact = index.search(['refund', 'order'])[0]!.similarity;
    const noisy = index.search(['refund', 'order', 'zebra'])[0]!.similarity;
    expect(exact).toBeCloseTo(1);
    expect(noisy).toBeLessThan(exact);
    expect(index.search(['zebra'])).toEqual([]);
    expect(index.bestSimilarity(['zebra'])).toBe(0);
  });

  it('ignores very common terms when asked to', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ key: i, terms: ['the', `w${i}`] }));
    const index = new Bm25Index(many, { maxDocShare: 0.05 });
    expect(index.idf('the')).toBe(0);
    expect(index.search(['the', 'w7'])[0]?.key).toBe(7);
  });
});

describe('lexicalTerms', () => {
  it('adds Chinese character bigrams across word boundaries', () => {
    const terms = lexicalTerms(new Analyzer().analyze('退货运费'));
    expect(terms).toContain('#货运');
    expect(terms).toContain('#退货');
  });
});

describe('FaqIndex', () => {
  it('finds entries by any phrasing in either language', () => {
    const index = new FaqIndex(testKnowledge, new Analyzer());
    expect(index.search('怎么开发票')[0]?.entryId).toBe('invoice');
    expect(index.search('how do I get an invoice')[0]?.entryId).toBe('invoice');
  });
});

describe('FaqEngine', () => {
  const engine = trainFaqEngine(testKnowledge);

  it('fuses classifier, phrasing and answer similarity into a ranked top-k', () => {
    const result = engine.search('I want my money back please', 3);
    expect(result.outcome).toBe('answer');
    expect(result.candidates[0]?.entryId).toBe('refund');
    expect(result.candidates.length).toBeLessThanOrEqual(3);
    const top = result.candidates[0]!;
    expect(top.score).toBeCloseTo(0.62 * top.classifier + 0.15 * top.lexical + 0.23 * top.answer);
    for (let i = 1; i < result.candidates.length; i++) {
      expect(result.candidates[i - 1]!.score).toBeGreaterThanOrEqual(result.candidates[i]!.score);
    }
  });

  it('learns from the answers: a question in the words of an answer finds its entry', () => {
    // "faulty" is in no phrasing, only in the return-shipping answer
    expect(engine.search('the item is faulty, who pays to send it back?').candidates[0]?.entryId).toBe(
      'return-shipping',
    );
  });

  it('says it does not know for text with no words', () => {
    expect(engine.search('!!! 👍').outcome).toBe('unknown');
  });
});

describe('faqExamples', () => {
  it('adds answer sentences as examples, never one that is also a phrasing', () => {
    const examples = faqExamples([
      {
        id: 'a',
        category: 'x',
        questions: { zh: ['怎么退货'], en: ['How do I return an item?'] },
        answer: {
          zh: '在订单页申请退货。七天内免费。',
          en: 'Open the order. How do I return an item? Tap Return.',
        },
        related: [],
      },
    ]);
    expect(examples.map((e) => e.text)).toEqual([
      '怎么退货',
      'How do I return an item?',
      '在订单页申请退货。',
      '七天内免费。',
      'Open the order.',
      'Tap Return.',
    ]);
    expect(faqExamples([], [], 0)).toEqual([]);
  });

  it('splits answers into sentences in both languages', () => {
    expect(answerSentences('第一句。第二句！Third one. Fourth? ok')).toEqual([
      '第一句。',
      '第二句！',
      'Third one.',
      'Fourth?',
    ]);
  });
});
