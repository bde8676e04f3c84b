import { describe, expect, it } from 'vitest';
import { PROTOTYPE_WORDS as WORDS } from '../bot/testKnowledge.ts';
import { IntentModel } from './model.ts';
import { testExamples } from './testExamples.ts';
import { trainIntentModel } from './train.ts';

describe('intent models and names of Object.prototype members', () => {
  it('train on intents and texts named after them, and predict them', () => {
    const examples = [
      ...testExamples,
      ...[
        'what is a constructor',
        'explain the constructor please',
        'constructor 是什么',
        'how do constructors work',
      ].map((text) => ({ text, intent: 'constructor' })),
      ...[
        'what is the __proto__ of toString',
        'toString vs valueOf',
        'hasOwnProperty and prototype',
        'toString 是什么意思',
      ].map((text) => ({ text, intent: '__proto__' })),
    ];
    const model = trainIntentModel(examples, { seed: 2 });
    expect(model.intents.sort()).toEqual([
      '__proto__',
      'constructor',
      'invoice',
      'password',
      'refund',
      'shipping',
    ]);
    expect(model.predict('constructor').intent).toBe('constructor');
    expect(model.predict('what does the constructor do').intent).toBe('constructor');
    expect(model.predict('the __proto__ of toString').intent).toBe('__proto__');
    expect(model.predict('I want a refund').intent).toBe('refund');
    // the snapshot is what a worker sends back: a model rebuilt from it predicts the same
    expect(new IntentModel(model.snapshot).predict('valueOf and toString')).toEqual(
      model.predict('valueOf and toString'),
    );
  });

  it('read such words in messages as unknown words, not as anything the model knows', () => {
    const model = trainIntentModel(testExamples, { seed: 2 });
    for (const word of WORDS) {
      const p = model.predict(word);
      expect(p.signals.unknown).toBe(1);
      expect(p.outcome).toBe('unknown');
      expect(model.predict(`${word} I want a refund ${word}`).intent).toBe('refund');
      expect(model.predict(`${word} 我要退款`).intent).toBe('refund');
    }
  });

  it('accept such names as intents whose texts use them', () => {
    const model = trainIntentModel(
      WORDS.flatMap((word, i) => [
        { text: `${word} question number ${i}`, intent: word },
        { text: `another ${word} ${i} question`, intent: word },
      ]),
      { seed: 2 },
    );
    expect(model.intents.sort()).toEqual([...WORDS].sort());
    expect(model.predict('valueOf question').ranking.length).toBeGreaterThan(0);
  });
});
