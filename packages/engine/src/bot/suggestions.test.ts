import { describe, expect, it } from 'vitest';
import type { FaqScore, FaqSearchResult } from '../retrieval/faqEngine.ts';
import { helpfulSuggestions, SUGGESTION_RULE } from './suggestions.ts';

const score = (entryId: string, fused: number, classifier: number): FaqScore => ({
  entryId,
  score: fused,
  classifier,
  lexical: 0,
  answer: 0,
});

function search(candidates: FaqScore[], unknown = 0): FaqSearchResult {
  return {
    outcome: 'clarify',
    candidates,
    lang: 'en',
    prediction: {
      outcome: 'clarify',
      intent: candidates[0]?.entryId ?? null,
      confidence: candidates[0]?.classifier ?? 0,
      ranking: candidates.map((c) => ({ intent: c.entryId, confidence: c.classifier })),
      oosScore: 0,
      signals: { top: 0, margin: 0, oos: 0, unknown, similarity: 0 },
      lang: 'en',
    },
  };
}

const ids = (scores: FaqScore[]) => scores.map((s) => s.entryId);

describe('helpfulSuggestions', () => {
  it('offers the entries close to the best one, not the tail', () => {
    const result = search([score('fee', 0.4, 0.45), score('free', 0.35, 0.4), score('jobs', 0.05, 0.02)]);
    expect(ids(helpfulSuggestions(result))).toEqual(['fee', 'free']);
  });

  it('offers nothing when the model is guessing', () => {
    const result = search([score('a', 0.18, 0.15), score('b', 0.16, 0.14), score('c', 0.15, 0.12)]);
    expect(helpfulSuggestions(result)).toEqual([]);
  });

  it('offers nothing when much of the question is words the knowledge base never uses', () => {
    const spread = [score('a', 0.3, 0.3), score('b', 0.25, 0.25), score('c', 0.1, 0.1)];
    expect(helpfulSuggestions(search(spread, 0.5))).toEqual([]);
    expect(ids(helpfulSuggestions(search(spread, 0.2)))).toEqual(['a', 'b', 'c']);
  });

  it('still offers a few entries the model is sure between, new words or not', () => {
    const sure = search([score('fee', 0.42, 0.5), score('return', 0.36, 0.47)], 0.5);
    expect(ids(helpfulSuggestions(sure))).toEqual(['fee', 'return']);
  });

  it('never offers more than asked, and nothing for an empty search', () => {
    const many = search([0.5, 0.45, 0.4, 0.35].map((s, i) => score(`e${i}`, s, s)));
    expect(helpfulSuggestions(many, SUGGESTION_RULE, 2)).toHaveLength(2);
    expect(helpfulSuggestions(search([]))).toEqual([]);
  });
});
