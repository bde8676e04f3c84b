import { describe, expect, it } from 'vitest';
import { IntentModel } from './model.ts';
import { decodeSnapshot, encodeSnapshot, storedModelKey, type TrainedModelStore } from './modelStore.ts';
import { testExamples } from './testExamples.ts';
import { trainIntentModel } from './train.ts';
import { forgetTrainedModels } from './trainedCache.ts';
import { trainInWorker, trainingsStarted } from './trainInWorker.ts';

const questions = ['我想退款', 'where is my parcel', '怎么开发票', 'can I change my address?', 'hello there'];

/** A store in memory, counting what it is asked. */
function memoryStore(behaviour: { failLoad?: boolean } = {}) {
  const kept = new Map<string, Uint8Array>();
  let saved = 0;
  const store: TrainedModelStore = {
    async load(key) {
      if (behaviour.failLoad) throw new Error('database unavailable');
      return kept.get(key) ?? null;
    },
    async save(key, bytes) {
      kept.set(key, bytes);
      saved++;
    },
  };
  return { store, kept, saves: () => saved };
}

/** Resolves once the store has been given `count` models (saving follows the answer, it is not awaited). */
async function savedAtLeast(saves: () => number, count: number): Promise<void> {
  while (saves() < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('trained models kept beyond the process', () => {
  it('encodes a model to bytes and back to the same predictions; anything else is refused', async () => {
    const model = trainIntentModel(testExamples, { seed: 11 });
    const bytes = encodeSnapshot(model.snapshot);
    const back = await decodeSnapshot(bytes);
    const again = new IntentModel(back);
    for (const q of questions) expect(again.predict(q)).toEqual(model.predict(q));
    await expect(decodeSnapshot(Uint8Array.from([1, 2, 3]))).rejects.toThrow();
    const { gzipSync } = await import('node:zlib');
    const { serialize } = await import('node:v8');
    await expect(decodeSnapshot(gzipSync(serialize({ format: 1, weights: 'x' })))).rejects.toThrow(
      'not a trained model',
    );
  });

  it('names a model by what it was trained on', () => {
    expect(storedModelKey('a')).toBe(storedModelKey('a'));
    expect(storedModelKey('a')).not.toBe(storedModelKey('b'));
  });

  it('takes a stored model instead of training (as a new process would), and stores what it trains', async () => {
    const { store, kept, saves } = memoryStore();
    const before = trainingsStarted();
    const trained = await trainInWorker(testExamples, { seed: 21 }, { models: store });
    expect(trainingsStarted()).toBe(before + 1);
    await savedAtLeast(saves, 1);
    expect(kept.size).toBe(1);

    forgetTrainedModels(); // a new process: nothing in memory, the store still has it
    const loaded = await trainInWorker(testExamples, { seed: 21 }, { models: store });
    expect(trainingsStarted()).toBe(before + 1);
    for (const q of questions) expect(loaded.predict(q)).toEqual(trained.predict(q));

    // other examples are another model: trained and stored beside it
    forgetTrainedModels();
    await trainInWorker(
      testExamples.filter((e) => e.intent !== 'refund'),
      { seed: 21 },
      { models: store },
    );
    expect(trainingsStarted()).toBe(before + 2);
    await savedAtLeast(saves, 2);
    expect(kept.size).toBe(2);
  });

  it('trains when the stored bytes are not a model or the store fails, and replaces what was unreadable', async () => {
    const { store, kept, saves } = memoryStore();
    await trainInWorker(testExamples, { seed: 31 }, { models: store });
    await savedAtLeast(saves, 1);
    const [key] = [...kept.keys()];
    kept.set(key as string, Uint8Array.from([31, 139, 8, 0, 1, 2, 3]));
    forgetTrainedModels();
    const before = trainingsStarted();
    const model = await trainInWorker(testExamples, { seed: 31 }, { models: store });
    expect(trainingsStarted()).toBe(before + 1);
    expect(model.predict('我想退款').intent).toBe('refund');
    await savedAtLeast(saves, 2);
    await expect(decodeSnapshot(kept.get(key as string) as Uint8Array)).resolves.toMatchObject({ format: 1 });

    const failing = memoryStore({ failLoad: true });
    forgetTrainedModels();
    const fallback = await trainInWorker(testExamples, { seed: 31 }, { models: failing.store });
    expect(trainingsStarted()).toBe(before + 2);
    expect(fallback.predict('我想退款').intent).toBe('refund');
  });
});
