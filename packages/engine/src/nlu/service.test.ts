import { describe, expect, it } from 'vitest';
import type { TrainingExample } from './clean.ts';
import type { IntentModel, IntentModelSnapshot } from './model.ts';
import { ModelRegistry } from './registry.ts';
import { IntentService } from './service.ts';
import { testExamples } from './testExamples.ts';
import { trainIntentModel } from './train.ts';
import { cachedModel, rememberModel } from './trainedCache.ts';
import { trainInWorker } from './trainInWorker.ts';

/** A trainer the test releases by hand, to hold a training "in flight". */
function manualTrainer() {
  const jobs: { examples: readonly TrainingExample[]; release: () => void; fail: (e: Error) => void }[] = [];
  const trainer = (examples: readonly TrainingExample[]) =>
    new Promise<IntentModel>((resolve, reject) => {
      jobs.push({ examples, release: () => resolve(trainIntentModel(examples, { seed: 1 })), fail: reject });
    });
  return { trainer, jobs };
}

const withoutRefund = testExamples.filter((e) => e.intent !== 'refund');

describe('ModelRegistry', () => {
  it('versions, rolls back and keeps a bounded history', () => {
    const registry = new ModelRegistry<string>(3);
    expect(registry.current).toBeNull();
    expect(registry.rollback()).toBeNull();
    for (const name of ['a', 'b', 'c', 'd']) registry.publish(name);
    expect(registry.current).toMatchObject({ version: 4, model: 'd' });
    expect(registry.history().map((v) => v.version)).toEqual([2, 3, 4]);
    expect(registry.rollback()?.model).toBe('c');
    expect(registry.rollback(2)?.model).toBe('b');
    expect(registry.rollback(1)).toBeNull();
    registry.publish('e');
    // The version in service survives trimming even though it is old.
    expect(registry.history().map((v) => v.model)).toEqual(['b', 'd', 'e']);
  });
});

describe('IntentService', () => {
  it('keeps answering with the old model while the new one trains, then swaps atomically', async () => {
    const { trainer, jobs } = manualTrainer();
    const service = new IntentService({}, trainer);
    expect(() => service.predict('hi')).toThrow(expect.objectContaining({ id: 'no_model' }));

    const first = service.retrain(withoutRefund, 'v1');
    jobs[0]!.release();
    expect((await first).version).toBe(1);
    expect(service.predict('I want a refund').intent).not.toBe('refund');

    const second = service.retrain(testExamples, 'v2');
    const seen: (string | null)[] = [];
    let running = true;
    const predictions = (async () => {
      while (running) {
        seen.push(service.predict('I want a refund').intent);
        await new Promise((r) => setImmediate(r));
      }
    })();
    /** Waits (turn by turn, not for a time) until `count` more predictions were made. */
    const samples = async (count: number) => {
      const target = seen.length + count;
      while (seen.length < target) await new Promise((r) => setImmediate(r));
    };
    await samples(3);
    expect(service.registry.current?.version).toBe(1);
    jobs[1]!.release();
    const v2 = await second;
    await samples(3);
    running = false;
    await predictions;

    expect(v2).toMatchObject({ version: 2, note: 'v2' });
    expect(seen.length).toBeGreaterThanOrEqual(6);
    // Every prediction came from a whole model: old answers first, then only new ones.
    const firstNew = seen.indexOf('refund');
    expect(firstNew).toBeGreaterThan(0);
    expect(seen.slice(firstNew).every((intent) => intent === 'refund')).toBe(true);
    expect(seen.slice(0, firstNew).includes('refund')).toBe(false);

    expect(service.rollback()?.version).toBe(1);
    expect(service.predict('I want a refund').intent).not.toBe('refund');
  });

  it('merges retrain requests made during a training into one, on the latest data', async () => {
    const { trainer, jobs } = manualTrainer();
    const service = new IntentService({}, trainer);
    const a = service.retrain(withoutRefund, 'a');
    const b = service.retrain(withoutRefund, 'b');
    const c = service.retrain(testExamples, 'c');
    jobs[0]!.release();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.examples).toBe(testExamples);
    jobs[1]!.release();
    const [vb, vc] = await Promise.all([b, c]);
    expect(vb.version).toBe(2);
    expect(vc.note).toBe('c');
  });

  it('keeps the current model when a training fails', async () => {
    const { trainer, jobs } = manualTrainer();
    const service = new IntentService({}, trainer);
    const first = service.retrain(testExamples);
    jobs[0]!.release();
    await first;
    const failing = service.retrain(withoutRefund);
    jobs[1]!.fail(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    expect(service.registry.current?.version).toBe(1);
    expect(service.predict('I want a refund').intent).toBe('refund');
  });
});

describe('trainInWorker', () => {
  it('trains off the main thread and gives the same model as training here', async () => {
    const here = trainIntentModel(testExamples, { seed: 5 });
    const there = await trainInWorker(testExamples, { seed: 5 });
    expect(Array.from(there.snapshot.weights)).toEqual(Array.from(here.snapshot.weights));
    expect(there.predict('包裹什么时候到')).toEqual(here.predict('包裹什么时候到'));
  });

  it('reuses the model trained on the same examples and options, and trains again when either changes', async () => {
    const first = await trainInWorker(testExamples, { seed: 6 });
    const again = await trainInWorker(
      testExamples.map((e) => ({ ...e })),
      { seed: 6 },
    );
    expect(again.snapshot).toBe(first.snapshot);
    expect(again).not.toBe(first);
    const otherSeed = await trainInWorker(testExamples, { seed: 7 });
    expect(otherSeed.snapshot).not.toBe(first.snapshot);
    const [head, ...rest] = testExamples;
    const edited = await trainInWorker([{ ...head!, text: `${head!.text}吗` }, ...rest], { seed: 6 });
    expect(edited.snapshot).not.toBe(first.snapshot);
  });

  it('keeps only the newest few models', () => {
    const snapshot = (n: number) => ({ n }) as unknown as IntentModelSnapshot;
    for (let i = 0; i < 6; i++) rememberModel(`k${i}`, snapshot(i));
    expect(cachedModel('k0')).toBeUndefined();
    expect(cachedModel('k1')).toBeUndefined();
    expect(cachedModel('k2')).toEqual({ n: 2 });
    rememberModel('k6', snapshot(6));
    // k2 was just used: k3 is now the oldest
    expect(cachedModel('k3')).toBeUndefined();
    expect(cachedModel('k2')).toEqual({ n: 2 });
  });

  it('reports training errors from the worker as NluError', async () => {
    await expect(trainInWorker([])).rejects.toMatchObject({ id: 'empty_training_set' });
  });
});
