import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Db, openTestDatabase, type SqlStore, type TestDriver } from '../src/index.ts';
import { migrations } from '../src/migrations/index.ts';

const SECRET = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url without padding

describe.each<TestDriver>(['pglite', 'postgres'])('identity secrets on %s', (driver) => {
  let db: Db;
  let store: SqlStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(driver));
    store = createStore(db);
  });
  afterAll(() => cleanup());

  it('gives a new workspace its own random secret', async () => {
    const a = await store.setup.createWorkspace({ slug: 'id-a', name: 'A' });
    const b = await store.setup.createWorkspace({ slug: 'id-b', name: 'B' });
    const secretA = await store.identity.secret(a);
    expect(secretA).toMatch(SECRET);
    expect(await store.identity.secret(b)).toMatch(SECRET);
    expect(await store.identity.secret(b)).not.toBe(secretA);
    // reading twice gives the same secret; the workspace record itself does not carry it
    expect(await store.identity.secret(a)).toBe(secretA);
    expect(JSON.stringify(await store.workspaces.findById(a))).not.toContain(secretA as string);
  });

  it('creates a missing secret lazily, once, and rotates it', async () => {
    const id = await store.setup.createWorkspace({ slug: 'id-lazy', name: 'Lazy' });
    await db.updateTable('workspaces').set({ identity_secret: null }).where('id', '=', id).execute();
    const [first, second] = await Promise.all([store.identity.secret(id), store.identity.secret(id)]);
    expect(first).toMatch(SECRET);
    expect(second).toBe(first);
    const rotated = await store.identity.rotate(id);
    expect(rotated).toMatch(SECRET);
    expect(rotated).not.toBe(first);
    expect(await store.identity.secret(id)).toBe(rotated);
  });

  it('answers null for an unknown workspace', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await store.identity.secret(unknown)).toBeNull();
    expect(await store.identity.rotate(unknown)).toBeNull();
  });

  it('the migration gives existing workspaces a secret and can be undone', async () => {
    const migration = migrations['004_identity_secret'];
    if (!migration?.down) throw new Error('migration 004 is missing');
    await migration.down(db);
    await sql`insert into workspaces (id, slug, name) values (${'00000000-0000-4000-8000-000000000004'}, 'old-one', 'Old')`.execute(
      db,
    );
    await migration.up(db);
    const rows = await db.selectFrom('workspaces').select(['slug', 'identity_secret']).execute();
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row.identity_secret, row.slug).toMatch(SECRET);
    expect(new Set(rows.map((r) => r.identity_secret)).size).toBe(rows.length);
  });
});
