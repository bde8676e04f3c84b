import { describe, expect, it } from 'vitest';
import { fitTemperature } from './calibration.ts';
import { DEFAULT_OOS_DETECTOR, fitOosDetector, type OosSample, type OosSignals, oosScore } from './oos.ts';
import { testExamples } from './testExamples.ts';
import { trainIntentModel } from './train.ts';

const model = trainIntentModel(testExamples, { seed: 3 });
const base: OosSignals = { top: 0.6, margin: 0.3, oos: 0.05, unknown: 0.2, similarity: 0.4 };

describe('out-of-scope signals', () => {
  it('explicit class: text like the "not ours" examples goes to the out-of-scope class', () => {
    const p = model.predict('can you recommend a movie');
    expect(p.signals.oos).toBeGreaterThan(p.signals.top);
    expect(p.outcome).toBe('unknown');
  });

  it('unknown-token ratio: share of words never seen in training', () => {
    expect(model.predict('reset my password').signals.unknown).toBe(0);
    expect(model.predict('zorbly quintessential flapdoodle').signals.unknown).toBe(1);
    expect(model.predict('reset my flapdoodle').signals.unknown).toBeCloseTo(1 / 3);
  });

  it('confidence and margin: one clear intent vs two mixed ones', () => {
    const clear = model.predict('I forgot my password');
    const mixed = model.predict('退款 发票');
    expect(clear.signals.top).toBeGreaterThan(mixed.signals.top);
    expect(clear.signals.margin).toBeGreaterThan(mixed.signals.margin);
    expect(clear.outcome).toBe('answer');
  });

  it('asks rather than answers when the best intent is not confident enough', () => {
    const strict = trainIntentModel(testExamples, { seed: 3, decision: { answerAt: 0.999 } });
    const p = strict.predict('how do I change the password please');
    expect(p.intent).toBe('password');
    expect(p.outcome).toBe('clarify');
    expect(p.ranking.length).toBeGreaterThanOrEqual(3);
  });

  it('similarity: a training example itself is as close as it gets', () => {
    expect(model.predict('track my order').signals.similarity).toBeCloseTo(1);
    expect(model.predict('track the weather in paris').signals.similarity).toBeLessThan(0.6);
  });

  it('each signal moves the combined score the right way', () => {
    const score = (change: Partial<OosSignals>) => oosScore(DEFAULT_OOS_DETECTOR, { ...base, ...change });
    const neutral = score({});
    expect(score({ top: 0.95 })).toBeLessThan(neutral);
    expect(score({ margin: 0.9 })).toBeLessThan(neutral);
    expect(score({ oos: 0.6 })).toBeGreaterThan(neutral);
    expect(score({ unknown: 1 })).toBeGreaterThan(neutral);
    expect(score({ similarity: 0.95 })).toBeLessThan(neutral);
  });

  it('fits the combination on held-out samples and places the threshold between the groups', () => {
    const samples: OosSample[] = [];
    for (let i = 0; i < 40; i++) {
      samples.push({
        signals: { ...base, top: 0.7 + (i % 5) * 0.05, similarity: 0.6 },
        outOfScope: false,
        correct: true,
      });
      samples.push({
        signals: { ...base, top: 0.2, oos: 0.1, unknown: 0.8, similarity: 0.1 },
        outOfScope: true,
        correct: false,
      });
    }
    const detector = fitOosDetector(samples);
    const inScope = oosScore(detector, samples[0]!.signals);
    const outOfScope = oosScore(detector, samples[1]!.signals);
    expect(outOfScope).toBeGreaterThan(inScope);
    expect(detector.threshold).toBeGreaterThan(inScope);
    expect(detector.threshold).toBeLessThanOrEqual(outOfScope);
  });

  it('falls back to the default combination when there is nothing to fit on', () => {
    expect(fitOosDetector([])).toEqual(DEFAULT_OOS_DETECTOR);
  });
});

describe('fitTemperature', () => {
  it('softens over-confident logits and sharpens timid ones', () => {
    const overconfident = Array.from({ length: 50 }, (_, i) => ({
      logits: Float64Array.from([10, 0, 0]),
      label: i % 2 === 0 ? 0 : 1,
    }));
    const timid = Array.from({ length: 50 }, () => ({ logits: Float64Array.from([0.2, 0, 0]), label: 0 }));
    expect(fitTemperature(overconfident)).toBeGreaterThan(1);
    expect(fitTemperature(timid)).toBeLessThan(1);
    expect(fitTemperature([])).toBe(1);
  });
});
