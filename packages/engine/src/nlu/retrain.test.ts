import { describe, expect, it } from 'vitest';
import type { TrainingExample } from './clean.ts';
import { MAX_DRIFT } from './retrain.ts';
import { testExamples } from './testExamples.ts';
import { trainIntentModel } from './train.ts';

const options = { seed: 3 };
const base = trainIntentModel(testExamples, options);
const examples = base.snapshot.trainedOn?.digests.length ?? 0;
const refunds = (texts: string[]): TrainingExample[] => texts.map((text) => ({ text, intent: 'refund' }));

describe('retraining after a small change', () => {
  it('is calibrated by measurement the first time, and remembers what it was trained on', () => {
    expect(base.snapshot.report.heldOut).toBeGreaterThan(0);
    expect(base.snapshot.report.calibrationKept).toBeUndefined();
    expect(base.snapshot.trainedOn).toMatchObject({ drift: 0 });
    expect(examples).toBe(base.snapshot.report.examples);
  });

  it('keeps the calibration, starts from the previous weights, and learns the change', () => {
    const added = refunds(['send my money back to my card', '钱退回我的卡上']);
    const next = trainIntentModel([...testExamples, ...added], options, base.snapshot);
    expect(next.snapshot.report.calibrationKept).toEqual({ changedExamples: 2 });
    expect(next.snapshot.temperature).toBe(base.snapshot.temperature);
    expect(next.snapshot.detector).toEqual(base.snapshot.detector);
    expect(next.snapshot.report.heldOut).toBe(base.snapshot.report.heldOut);
    expect(next.snapshot.trainedOn?.drift).toBe(2);
    // the held-out predictions behind that calibration come with it
    expect(base.snapshot.heldOut?.texts.length).toBeGreaterThan(0);
    expect(next.snapshot.heldOut).toEqual(base.snapshot.heldOut);
    expect(next.predict('send my money back to my card').intent).toBe('refund');
    expect(next.predict('please reset the password').intent).toBe('password');
    // a full training of the same examples measures again
    const measured = trainIntentModel([...testExamples, ...added], options);
    expect(measured.snapshot.report.calibrationKept).toBeUndefined();
  });

  it('keeps no held-out prediction of a phrasing that was removed or moved to another intent', () => {
    const moved = 'refund my purchase please';
    expect(base.snapshot.heldOut?.texts).toContain(moved);
    const next = trainIntentModel(
      testExamples.map((e) => (e.text === moved ? { text: moved, intent: 'password' } : e)),
      options,
      base.snapshot,
    );
    expect(next.snapshot.report.calibrationKept).toEqual({ changedExamples: 2 });
    expect(next.snapshot.heldOut?.texts).not.toContain(moved);
    expect(next.snapshot.heldOut?.texts.length).toBe((base.snapshot.heldOut?.texts.length ?? 0) - 1);
  });

  it('learns an intent that the previous model did not have', () => {
    const gift: TrainingExample[] = ['activate my gift card', '礼品卡怎么激活', 'gift card code'].map(
      (text) => ({
        text,
        intent: 'giftcard',
      }),
    );
    expect(gift.length).toBeLessThanOrEqual(MAX_DRIFT * (examples + gift.length));
    const next = trainIntentModel([...testExamples, ...gift], options, base.snapshot);
    expect(next.snapshot.report.calibrationKept).toEqual({ changedExamples: 3 });
    expect(next.intents).toContain('giftcard');
    expect(next.predict('how do I activate a gift card').intent).toBe('giftcard');
    expect(next.predict('包裹到哪里了').intent).toBe('shipping');
  });

  it('measures again once the changes since the last measurement add up to more than a tenth', () => {
    const one = trainIntentModel([...testExamples, ...refunds(['refund it'])], options, base.snapshot);
    expect(one.snapshot.trainedOn?.drift).toBe(1);
    // the same example removed again: one more change (added, then removed)
    const two = trainIntentModel(testExamples, options, one.snapshot);
    expect(two.snapshot.report.calibrationKept).toEqual({ changedExamples: 2 });
    const many = refunds(['a', 'b', 'c', 'd'].map((x) => `refund order ${x}`));
    expect(2 + many.length).toBeGreaterThan(MAX_DRIFT * (examples + many.length));
    const three = trainIntentModel([...testExamples, ...many], options, two.snapshot);
    expect(three.snapshot.report.calibrationKept).toBeUndefined();
    expect(three.snapshot.trainedOn?.drift).toBe(0);
  });

  it('measures again when the options changed or the previous model does not say what it was trained on', () => {
    const added = refunds(['refund it']);
    const reseeded = trainIntentModel([...testExamples, ...added], { seed: 4 }, base.snapshot);
    expect(reseeded.snapshot.report.calibrationKept).toBeUndefined();
    const { trainedOn: _, ...older } = base.snapshot;
    const fromOlder = trainIntentModel([...testExamples, ...added], options, older);
    expect(fromOlder.snapshot.report.calibrationKept).toBeUndefined();
  });
});
