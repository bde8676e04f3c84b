import { describe, expect, it } from 'vitest';
import { detectEmotion } from '../detect.ts';
import { analyzeLexicon } from '../lexicon/analyze.ts';
import { EmotionModel } from './emotionModel.ts';
import { shippedEmotionModel, shippedModelError } from './shipped.ts';
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

// More hand-written rows (no data set rows), enough for cross-validated decision offsets.
function many(): EmotionExample[] {
  const out: EmotionExample[] = [];
  const things = [
    'parcel',
    'refund',
    'app',
    'order',
    'card',
    'invoice',
    'account',
    'delivery',
    'router',
    'bill',
  ];
  things.forEach((thing, i) => {
    out.push({ text: `the ${thing} got zorbled again ${i}`, label: 'anger' });
    out.push({ text: `so zorbled about my ${thing}`, label: 'anger' });
    out.push({ text: `my ${thing} is glimmy now`, label: 'joy' });
    out.push({ text: `glimmy ${thing}, thanks`, label: 'joy' });
    out.push({ text: `where do I find the ${thing} page`, label: 'neutral' });
    out.push({ text: `the ${thing} number is ${i}`, label: 'neutral' });
    out.push({ text: `my ${thing} makes me blorpy`, label: 'sadness' });
  });
  return out;
}

describe('trainEmotionModel: weights, calibration, saving', () => {
  it('accepts weighted examples (one per label of a multi-label row) and rejects bad weights', () => {
    const model = trainEmotionModel(
      [
        ...examples,
        { text: 'zorbled but glimmy', label: 'anger', weight: 0.5 },
        { text: 'zorbled but glimmy', label: 'joy', weight: 0.5 },
      ],
      { epochs: 30, folds: 0 },
    );
    expect(detectEmotion('it got zorbled', { model }).basic).toBe('anger');
    expect(() => trainEmotionModel([{ text: 'x', label: 'joy', weight: 0 }])).toThrow(/weights/);
  });

  it('chooses decision offsets by cross-validation on the training rows, under both rules', () => {
    const model = trainEmotionModel(many(), { epochs: 10 });
    expect(model.calibration?.method).toBe('3-fold cross-validation');
    expect(model.calibration?.rule).toBe('anger-recall');
    expect(model.calibration?.rules['anger-recall'].target).toBe(0.77);
    expect(model.calibration?.rules['macro-f1'].macroF1).toBeGreaterThan(0.5);
    const macro = model.withRule('macro-f1');
    expect(macro.bias).toEqual(model.calibration?.rules['macro-f1'].bias);
    expect(macro.calibration?.rule).toBe('macro-f1');
    expect(() => trainEmotionModel(examples, { folds: 0 }).withRule('macro-f1')).toThrow(/not calibrated/);
  });

  it('saves to compact bytes and loads back with nearly the same probabilities', () => {
    const model = trainEmotionModel(many(), { epochs: 10 });
    const bytes = model.toBytes({ meta: { note: 'test' } });
    const loaded = EmotionModel.fromBytes(bytes);
    expect(loaded.meta).toEqual({ note: 'test' });
    expect(loaded.calibration).toEqual(model.calibration);
    expect(loaded.bias).toEqual(model.bias.map((b) => Math.fround(b)));
    for (const text of ['the parcel got zorbled', 'a glimmy refund', 'my card makes me blorpy', 'hello']) {
      const a = model.predict(text, 'en', analyzeLexicon(text));
      const b = loaded.predict(text, 'en', analyzeLexicon(text));
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(0.02);
    }
    const pruned = EmotionModel.fromBytes(model.toBytes({ maxFeatures: 10 }));
    expect(pruned.size).toBe(10);
    expect(() => EmotionModel.fromBytes(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(/not an emotion model/);
    expect(() => EmotionModel.fromBytes(bytes.subarray(0, 40))).toThrow(/truncated/);
  });
});

describe('shipped English model', () => {
  it('loads, and reads plain English emotions', () => {
    expect(shippedModelError()).toBeNull();
    expect(shippedEmotionModel('zh')).toBeNull();
    const model = shippedEmotionModel('en');
    expect(model).not.toBeNull();
    expect(model?.meta.licence).toMatch(/Apache-2\.0/);
    expect(detectEmotion('Thank you so much, I love it!', { model }).basic).toBe('joy');
    expect(detectEmotion('I am absolutely furious with you', { model }).basic).toBe('anger');
    expect(detectEmotion('I miss him so much, I cried all night', { model }).basic).toBe('sadness');
  });
});

describe('detectEmotion with a model: service cues', () => {
  it('does not let a service cue override a model that gives its emotion almost no chance', () => {
    const lawyerly: EmotionExample[] = [
      ...examples,
      ...['my lawyer is on holiday', 'the lawyer office opens at nine', 'a lawyer lives next door'].map(
        (text) => ({ text, label: 'neutral' as const }),
      ),
    ];
    const model = trainEmotionModel(lawyerly, { epochs: 30, folds: 0 });
    const result = detectEmotion('I will call my lawyer', { model });
    expect(result.basic).toBe('neutral');
    expect(result.scores.public_complaint).toBeGreaterThan(0.6);
  });
});
