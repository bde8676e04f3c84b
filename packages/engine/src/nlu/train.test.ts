import { describe, expect, it } from 'vitest';
import { NluError } from './errors.ts';
import { OOS_INTENT } from './model.ts';
import { testExamples } from './testExamples.ts';
import { trainIntentModel } from './train.ts';

const model = trainIntentModel(testExamples, { seed: 3 });

describe('trainIntentModel', () => {
  it('recognises paraphrases in both languages', () => {
    expect(model.predict('I would like a refund for this').intent).toBe('refund');
    expect(model.predict('please reset the password').intent).toBe('password');
    expect(model.predict('包裹到哪里了').intent).toBe('shipping');
    expect(model.predict('開發票').intent).toBe('invoice');
    expect(model.intents.sort()).toEqual(['invoice', 'password', 'refund', 'shipping']);
  });

  it('gives calibrated probabilities that sum to at most one', () => {
    const p = model.predict('where is my parcel');
    const total = p.ranking.reduce((sum, r) => sum + r.confidence, 0) + p.signals.oos;
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
    expect(p.confidence).toBe(p.ranking[0]?.confidence);
    expect(p.ranking[0]!.confidence).toBeGreaterThan(p.ranking[1]!.confidence);
  });

  it('is deterministic for a fixed seed', () => {
    const again = trainIntentModel(testExamples, { seed: 3 });
    expect(Array.from(again.snapshot.weights)).toEqual(Array.from(model.snapshot.weights));
    expect(again.snapshot.temperature).toBe(model.snapshot.temperature);
    expect(again.predict('reset my password')).toEqual(model.predict('reset my password'));
    const other = trainIntentModel(testExamples, { seed: 4 });
    expect(Array.from(other.snapshot.weights)).not.toEqual(Array.from(model.snapshot.weights));
  });

  it('rejects an empty training set, bad rows and data with no in-scope intent', () => {
    expect(() => trainIntentModel([])).toThrow(NluError);
    expect(() => trainIntentModel([{ text: 'hi', intent: '' }])).toThrow(/example 1/);
    expect(() =>
      trainIntentModel([{ text: 42, intent: 'x' } as unknown as { text: string; intent: string }]),
    ).toThrow(/example 1 has no "text"/);
    expect(() => trainIntentModel([{ text: 'tell me a joke', intent: OOS_INTENT }])).toThrow(
      expect.objectContaining({ id: 'no_in_scope_intent' }),
    );
    expect(() => trainIntentModel([{ text: '👍👍', intent: 'thanks' }])).toThrow(
      expect.objectContaining({ id: 'no_in_scope_intent' }),
    );
  });

  it('reports duplicates, conflicts, empty texts and single-example intents', () => {
    const trained = trainIntentModel([
      ...testExamples,
      { text: 'I want a refund', intent: 'refund' },
      { text: 'where is my parcel?', intent: 'refund' },
      { text: 'cancel everything', intent: 'cancel' },
      { text: 'Cancel everything!', intent: 'cancel' },
      { text: 'cancel everything', intent: 'refund' },
      { text: '🙂🙂 !!', intent: 'refund' },
      { text: 'speak to the manager', intent: 'complaint' },
    ]);
    const { report } = trained;
    expect(report.duplicates).toBe(2);
    expect(report.skippedEmpty).toBe(1);
    expect(report.conflicts).toEqual(
      expect.arrayContaining([
        { text: 'where is my parcel', intents: ['shipping', 'refund'], kept: null },
        { text: 'cancel everything', intents: ['cancel', 'refund'], kept: 'cancel' },
      ]),
    );
    expect(report.singletons).toEqual(['cancel', 'complaint']);
    expect(report.examples).toBe(testExamples.length + 1);
    expect(report.warnings.length).toBeGreaterThanOrEqual(4);
    expect(trained.predict('cancel everything').intent).toBe('cancel');
    expect(trained.predict('speak to the manager').intent).toBe('complaint');
  });

  it('trains on a single intent with a single example', () => {
    const tiny = trainIntentModel([{ text: 'opening hours', intent: 'hours' }]);
    expect(tiny.predict('what are your opening hours').intent).toBe('hours');
    expect(tiny.report.warnings.join(' ')).toMatch(/single example/);
  });

  it('answers sensibly to emoji, punctuation, huge and malformed input', () => {
    for (const text of ['', '   ', '👍🎉', '？？？！！', '\uD800\uDFFF\uFFFD']) {
      const p = model.predict(text);
      expect(p.outcome, JSON.stringify(text)).toBe('unknown');
      expect(p.intent).toBeNull();
    }
    const huge = model.predict(`${'where is my parcel '.repeat(600)}`);
    expect(huge.intent).toBe('shipping');
  });
});
