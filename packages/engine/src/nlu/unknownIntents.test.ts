import { describe, expect, it } from 'vitest';
import type { TrainingExample } from './clean.ts';
import type { Item } from './items.ts';
import type { IntentModel } from './model.ts';
import { trainIntentModel } from './train.ts';
import { leaveIntentsOut } from './unknownIntents.ts';

/** A small bank's bot: eight intents, six phrasings each, no out-of-scope examples. */
const bank: TrainingExample[] = Object.entries({
  card_lost: [
    'I lost my card',
    'my card is missing',
    'card stolen what do I do',
    'cannot find my bank card',
    'report a lost card',
    'someone stole my card',
  ],
  card_arrival: [
    'when will my card arrive',
    'my new card has not come',
    'track my card delivery',
    'card still not delivered',
    'how long for the card to arrive',
    'where is my new card',
  ],
  pin_change: [
    'change my pin',
    'how do I reset my pin',
    'I forgot my pin',
    'set a new pin code',
    'update the pin of my card',
    'pin is blocked',
  ],
  transfer_failed: [
    'my transfer failed',
    'transfer did not go through',
    'why was my transfer declined',
    'payment to a friend failed',
    'bank transfer error',
    'transfer bounced back',
  ],
  exchange_rate: [
    'what exchange rate do you use',
    'how is the exchange rate calculated',
    'currency conversion rate',
    'rate for euros to dollars',
    'exchange rate fee',
    'is the exchange rate fair',
  ],
  top_up: [
    'how do I top up',
    'add money to my account',
    'top up with a card',
    'top up failed',
    'top up limits',
    'can I top up by bank transfer',
  ],
  close_account: [
    'close my account',
    'delete my account',
    'I want to cancel my account',
    'how to terminate my account',
    'shut down my account',
    'remove my account',
  ],
  statement: [
    'download my statement',
    'get a bank statement',
    'monthly statement please',
    'where are my statements',
    'export my transactions',
    'statement for last month',
  ],
}).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })));

describe('leaving intents out: out-of-scope samples for a bot that labelled none', () => {
  it('makes every left-out example an out-of-scope sample weighted to the assumed share', () => {
    const reference = trainIntentModel(bank, { seed: 2, offTopic: 0, unknownIntentShare: 0 });
    const items: Item[] = bank.map((e) => {
      const analysis = reference.analyzer.analyze(e.text);
      return { analysis, features: [], text: e.text, label: e.intent, weight: 1 };
    });
    const trained: IntentModel[] = [];
    const found = leaveIntentsOut(
      items,
      (part) => {
        const model = trainIntentModel(
          part.map((i) => ({ text: i.text, intent: i.label })),
          { seed: 2, offTopic: 0, holdout: 0, unknownIntentShare: 0 },
        );
        trained.push(model);
        return model;
      },
      { share: 0.2, seed: 2 },
    );
    expect(found).not.toBeNull();
    expect(trained).toHaveLength(3);
    const simulated = found!.seen.filter((s) => s.label === null);
    const inScope = found!.seen.filter((s) => s.label !== null);
    // every intent is left out once, so every example is met once as an unknown question
    expect(simulated).toHaveLength(bank.length);
    const weight = (list: typeof simulated) => list.reduce((sum, s) => sum + s.weight, 0);
    expect(weight(simulated) / (weight(simulated) + weight(inScope))).toBeCloseTo(0.2, 5);
  });

  it('is skipped with too few intents, or when turned off', () => {
    const few = bank.filter((e) => e.intent === 'card_lost' || e.intent === 'pin_change');
    const items: Item[] = few.map((e) => ({
      analysis: { lang: 'en', text: e.text, surfaces: [], tokens: [] },
      features: [],
      text: e.text,
      label: e.intent,
      weight: 1,
    }));
    expect(
      leaveIntentsOut(
        items,
        () => {
          throw new Error('not trained');
        },
        { share: 0.2, seed: 1 },
      ),
    ).toBeNull();
    const off = trainIntentModel(bank, { seed: 2, unknownIntentShare: 0 });
    const on = trainIntentModel(bank, { seed: 2 });
    expect(off.snapshot.detector).not.toEqual(on.snapshot.detector);
  });

  it('refuses a banking question the bot was never taught more readily, and still answers its own', () => {
    const off = trainIntentModel(bank, { seed: 2, unknownIntentShare: 0 });
    const on = trainIntentModel(bank, { seed: 2 });
    const untaught = 'can I get a loan to buy a car';
    expect(on.predict(untaught).oosScore / on.snapshot.detector.threshold).toBeGreaterThan(
      off.predict(untaught).oosScore / off.snapshot.detector.threshold,
    );
    expect(on.predict('I lost my card').intent).toBe('card_lost');
    expect(on.predict('I lost my card').outcome).not.toBe('unknown');
  });
});
