import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStore,
  type Db,
  type KnowledgeEntryRecord,
  openTestDatabase,
  type SqlStore,
  type TestDriver,
} from '../src/index.ts';

const entry = (
  id: string,
  answer: string,
  extra: Partial<KnowledgeEntryRecord> = {},
): KnowledgeEntryRecord => ({
  id,
  category: 'orders',
  questions: { zh: ['问题'], en: ['question'] },
  answer: { zh: answer, en: answer },
  related: [],
  enabled: true,
  ...extra,
});

describe.each<TestDriver>(['pglite', 'postgres'])('knowledge versions on %s', (driver) => {
  let db: Db;
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let workspaceId: string;
  let userId: string;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(driver));
    store = createStore(db);
    workspaceId = await store.setup.createWorkspace({ slug: 'kv', name: 'KV' });
    userId = await store.setup.createUser({
      workspaceId,
      email: 'kv@kv.test',
      name: '编辑 Editor',
      role: 'admin',
      passwordHash: 'x',
      locale: 'zh',
    });
  });
  afterAll(() => cleanup());

  it('stores the entries and a version of each change, numbered per entry, across a delete', async () => {
    const meta = { actor: userId, via: 'edit' as const };
    await store.knowledge.write(workspaceId, [{ change: 'create', entry: entry('a', '一') }], meta);
    await store.knowledge.write(workspaceId, [{ change: 'update', entry: entry('a', '二') }], meta);
    await store.knowledge.write(workspaceId, [{ change: 'delete', entry: entry('a', '二') }], meta);
    expect(await store.knowledge.find(workspaceId, 'a')).toBeNull();
    const [restored] = await store.knowledge.write(
      workspaceId,
      [{ change: 'rollback', entry: entry('a', '一'), restoredFrom: 1 }],
      meta,
    );
    expect(restored).toMatchObject({ version: 4, restoredFrom: 1, by: { id: userId, name: '编辑 Editor' } });
    expect(await store.knowledge.find(workspaceId, 'a')).toEqual(entry('a', '一'));
    const versions = await store.knowledge.versions(workspaceId, 'a');
    expect(versions.map((v) => [v.version, v.change, v.entry.answer.zh])).toEqual([
      [4, 'rollback', '一'],
      [3, 'delete', '二'],
      [2, 'update', '二'],
      [1, 'create', '一'],
    ]);
  });

  it('writes many entries at once, all or nothing', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({
      change: 'create' as const,
      entry: entry(`bulk.${i}`, `${i}`),
    }));
    await store.knowledge.write(workspaceId, many, { actor: userId, via: 'import' });
    expect((await store.knowledge.list(workspaceId)).length).toBe(1201);
    const failing = store.transaction(async (tx) => {
      await tx.knowledge.write(
        workspaceId,
        [{ change: 'update', entry: entry('bulk.1', 'changed', { enabled: false }) }],
        { actor: userId, via: 'import' },
      );
      throw new Error('the import failed half-way');
    });
    await expect(failing).rejects.toThrow('half-way');
    expect((await store.knowledge.find(workspaceId, 'bulk.1'))?.answer.zh).toBe('1');
    expect(await store.knowledge.versions(workspaceId, 'bulk.1')).toHaveLength(1);
    const recent = await store.knowledge.recentChanges(workspaceId, 5);
    expect(recent).toHaveLength(5);
    expect(recent.every((v) => v.via === 'import')).toBe(true);
  });

  it('gives concurrent changes of one entry distinct versions', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        store.knowledge.write(workspaceId, [{ change: 'update', entry: entry('a', `并发 ${i}`) }], {
          actor: null,
          via: 'edit',
        }),
      ),
    );
    const versions = await store.knowledge.versions(workspaceId, 'a');
    expect(versions.map((v) => v.version)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(versions[0]?.by).toBeNull();
  });

  it('keeps each workspace’s entries and history apart, "constructor" included', async () => {
    const other = await store.setup.createWorkspace({ slug: 'kv-other', name: 'Other' });
    await store.knowledge.upsertMany(other, [
      { ...entry('constructor', 'x'), category: 'constructor', enabled: undefined },
    ]);
    expect(await store.knowledge.versions(other, 'a')).toEqual([]);
    expect((await store.knowledge.versions(other, 'constructor'))[0]).toMatchObject({
      version: 1,
      change: 'create',
    });
    expect(await store.knowledge.versions(workspaceId, 'constructor')).toEqual([]);
    expect(await store.knowledge.categories(other)).toEqual([{ category: 'constructor', entries: 1 }]);
    // the same content again is no change
    await store.knowledge.upsertMany(other, [{ ...entry('constructor', 'x'), category: 'constructor' }]);
    expect(await store.knowledge.versions(other, 'constructor')).toHaveLength(1);
  });
});
