import { describe, expect, it } from 'vitest';
import type { IntentPrediction } from '../nlu/model.ts';
import { stratifiedFolds } from '../nlu/split.ts';
import { testExamples } from '../nlu/testExamples.ts';
import { crossValidate } from './crossValidate.ts';
import { computeMetrics } from './metrics.ts';
import { suggestThreshold } from './threshold.ts';

describe('computeMetrics', () => {
  const rows = [
    { expected: 'a', predicted: 'a' },
    { expected: 'a', predicted: 'b' },
    { expected: 'b', predicted: 'b' },
    { expected: 'b', predicted: 'b' },
    { expected: 'oos', predicted: 'oos' },
    { expected: 'oos', predicted: 'a' },
    { expected: 'a', predicted: 'oos' },
  ];
  const m = computeMetrics(rows);

  it('computes in-scope accuracy and out-of-scope recall and precision', () => {
    expect(m.n).toBe(7);
    expect(m.inScope).toEqual({ n: 5, accuracy: 3 / 5 });
    expect(m.outOfScope).toEqual({ n: 2, recall: 1 / 2, precision: 1 / 2 });
    expect(m.accuracy).toBeCloseTo(4 / 7);
  });

  it('computes per-intent precision, recall, F1 and macro-F1', () => {
    const a = m.perIntent.find((x) => x.intent === 'a')!;
    expect(a).toMatchObject({ precision: 1 / 2, recall: 1 / 3, support: 3 });
    expect(a.f1).toBeCloseTo(0.4);
    const b = m.perIntent.find((x) => x.intent === 'b')!;
    expect(b).toMatchObject({ precision: 2 / 3, recall: 1 });
    expect(m.macroF1).toBeCloseTo((0.4 + 0.8 + 0.5) / 3);
  });

  it('lists confusion pairs, most frequent first', () => {
    const twice = computeMetrics([...rows, { expected: 'a', predicted: 'b' }]);
    expect(twice.confusions[0]).toEqual({ expected: 'a', predicted: 'b', count: 2 });
    expect(twice.confusions).toHaveLength(3);
  });

  it('reports out-of-scope figures as n/a when there is no such row', () => {
    expect(computeMetrics([{ expected: 'a', predicted: 'a' }]).outOfScope).toEqual({
      n: 0,
      recall: null,
      precision: null,
    });
  });
});

function scored(expected: string, intent: string, oosScore: number) {
  const prediction: IntentPrediction = {
    outcome: 'answer',
    intent,
    confidence: 0.8,
    ranking: [{ intent, confidence: 0.8 }],
    oosScore,
    signals: { top: 0.8, margin: 0.5, oos: 0, unknown: 0, similarity: 0.5 },
    lang: 'en',
  };
  return { text: '', expected, prediction };
}

describe('suggestThreshold', () => {
  it('suggests the threshold that refuses out-of-scope rows and keeps in-scope ones', () => {
    const predictions = [
      scored('a', 'a', 0.1),
      scored('a', 'a', 0.2),
      scored('b', 'b', 0.3),
      scored('oos', 'a', 0.7),
      scored('oos', 'b', 0.9),
    ];
    const s = suggestThreshold(predictions, 0.95);
    expect(s.suggested).toBeGreaterThan(0.3);
    expect(s.suggested).toBeLessThanOrEqual(0.7);
    expect(s.curve[0]).toMatchObject({ inScopeAccuracy: 1, oosRecall: 0, answered: 1 });
    expect(s.curve.at(-1)).toMatchObject({ inScopeAccuracy: 0, oosRecall: 1, answered: 0 });
  });

  it('says so when the data has no out-of-scope rows', () => {
    expect(suggestThreshold([scored('a', 'a', 0.4)], 0.5).note).toMatch(/no out-of-scope/);
  });
});

describe('cross-validation', () => {
  it('stratifies folds so every fold gets its share of each intent', () => {
    const labels = [...Array(10).fill('a'), ...Array(5).fill('b')];
    const folds = stratifiedFolds(labels, 5, 1);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 'a' && folds[i] === f)).toHaveLength(2);
      expect(labels.filter((l, i) => l === 'b' && folds[i] === f)).toHaveLength(1);
    }
  });

  it('predicts every example with a model that never saw it', () => {
    const result = crossValidate(testExamples, { folds: 3, seed: 2 });
    expect(result.folds).toBe(3);
    expect(result.predictions).toHaveLength(testExamples.length);
    expect(result.trainMs).toHaveLength(3);
    // The best intent is mostly right even from six examples per intent (refusals aside).
    const inScope = result.predictions.filter((p) => p.expected !== 'oos');
    const right = inScope.filter((p) => p.prediction.intent === p.expected).length;
    expect(right / inScope.length).toBeGreaterThan(0.6);
    expect(result.metrics.outOfScope.n).toBe(5);
    expect(result.metrics.perIntent.map((m) => m.intent)).toEqual(
      expect.arrayContaining(['invoice', 'password', 'refund', 'shipping']),
    );
    const again = crossValidate(testExamples, { folds: 3, seed: 2 });
    expect(again.metrics).toEqual(result.metrics);
  });
});
