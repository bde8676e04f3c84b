import { describe, expect, it } from 'vitest';
import { detectEmotion } from '../detect.ts';
import { type EmotionExample, trainEmotionModel } from './train.ts';

// Hand-written examples (no data set rows): the model must learn words the lexicons do not know.
const examples: EmotionExample[] = [
  ...['the parcel went zorbled again', 'zorbled twice this week', 'so zorbled with this app'].map((text) => ({
    text,
    label: 'anger' as const,
  })),
  ...['what a glimmy day', 'glimmy news today', 'feeling glimmy'].map((text) => ({
    text,
    label: 'joy' as const,
  })),
  ...['the store opens at nine', 'my order number is here', 'where is the settings page'].map((text) => ({
    text,
    label: 'neutral' as const,
  })),
];

describe('trainEmotionModel', () => {
  it('learns basic emotions from labelled text', () => {
    const model = trainEmotionModel(examples, { epochs: 30, holdout: 0 });
    expect(detectEmotion('it got zorbled', { model }).basic).toBe('anger');
    expect(detectEmotion('a glimmy morning', { model }).basic).toBe('joy');
    expect(detectEmotion('it got zorbled', { model }).signals.some((s) => s.startsWith('model:anger'))).toBe(
      true,
    );
  });

  it('never predicts a class it was not trained on', () => {
    const model = trainEmotionModel(examples, { epochs: 5, holdout: 0 });
    const probs = model.predict('disgusting', 'en', {
      hits: [],
      scores: new Map(),
      global: { exclamations: 0, questions: 0, interrobang: false, repetition: null, caps: [] },
      signals: [],
    });
    expect(probs[1]).toBe(0);
  });

  it('lets a strong service cue override the model', () => {
    const model = trainEmotionModel(examples, { epochs: 30, holdout: 0 });
    expect(detectEmotion('glimmy, but I will call my lawyer', { model }).emotion).toBe('public_complaint');
  });

  it('rejects an empty training set', () => {
    expect(() => trainEmotionModel([])).toThrow(/no training examples/);
  });
});
