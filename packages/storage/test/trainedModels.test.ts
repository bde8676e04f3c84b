import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStore,
  type Db,
  openTestDatabase,
  type SqlStore,
  type TestDriver,
  TRAINED_MODELS_KEPT,
  trainedModelRepository,
} from '../src/index.ts';

describe.each<TestDriver>(['pglite', 'postgres'])('trained models on %s', (driver) => {
  let db: Db;
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let shop: string;
  let other: string;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(driver));
    store = createStore(db);
    shop = await store.setup.createWorkspace({ slug: 'tm-shop', name: 'Shop' });
    other = await store.setup.createWorkspace({ slug: 'tm-other', name: 'Other' });
  });
  afterAll(() => cleanup());

  const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

  it('gives back the bytes saved under a key, byte for byte, and null for an unknown key', async () => {
    const models = trainedModelRepository(db);
    const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256);
    await models.save(shop, 'k1', data);
    expect(await models.load(shop, 'k1')).toEqual(data);
    expect(await models.load(shop, 'missing')).toBeNull();
  });

  it('keeps each workspace’s models apart', async () => {
    const models = trainedModelRepository(db);
    await models.save(other, 'k1', bytes(10, 2));
    expect(await models.load(shop, 'k1')).toHaveLength(300_000);
    expect(await models.load(other, 'k1')).toEqual(bytes(10, 2));
  });

  it('replaces a model saved again under its key, and keeps only the newest few by use', async () => {
    const models = trainedModelRepository(db);
    await models.save(shop, 'k1', bytes(5, 1));
    expect(await models.load(shop, 'k1')).toEqual(bytes(5, 1));
    for (let i = 2; i <= TRAINED_MODELS_KEPT + 1; i++) await models.save(shop, `k${i}`, bytes(5, i));
    // k1 was the least recently used: it went
    const kept = await models.keys(shop);
    expect(kept).toHaveLength(TRAINED_MODELS_KEPT);
    expect(kept).not.toContain('k1');
    expect(await models.load(shop, 'k1')).toBeNull();
    // loading marks a model used: k2 survives the next save, k3 does not
    await models.load(shop, 'k2');
    await models.save(shop, 'k9', bytes(5, 9));
    expect(new Set(await models.keys(shop))).toEqual(new Set(['k2', 'k4', 'k9']));
    // the other workspace's model was never touched
    expect(await models.keys(other)).toEqual(['k1']);
  });
});
