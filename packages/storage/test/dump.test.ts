import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Db, dumpPglite, migratedPglite, openDatabase } from '../src/index.ts';
import { withoutFilesIn } from '../src/pglite/dumpArchive.ts';

/** The paths of an archive's entries (ustar, names under 100 bytes as PGlite writes them). */
function paths(archive: Uint8Array): string[] {
  const out: string[] = [];
  let offset = 0;
  while (offset + 512 <= archive.length && archive.subarray(offset, offset + 512).some((b) => b !== 0)) {
    const header = archive.subarray(offset, offset + 512);
    const name = new TextDecoder().decode(header.subarray(0, 100)).replace(/\0.*$/s, '');
    const size = Number.parseInt(
      new TextDecoder().decode(header.subarray(124, 136)).replace(/\0.*$/s, ''),
      8,
    );
    out.push(name.replace(/^\/+/, ''));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/**
 * Test databases start from dumps (harness.ts, testing.ts); a dump leaves out the files of the cluster's other
 * databases (template0, template1), which nothing opens.
 */
describe('PGlite dumps for test databases', () => {
  let db: Db;
  let own: string;
  let templates: string[];

  beforeAll(async () => {
    db = await openDatabase({ driver: 'pglite', dataDir: null, loadDataDir: await migratedPglite() });
    const dbs = await sql<{ oid: number; current: boolean }>`
      select oid::int as oid, datname = current_database() as current from pg_database`.execute(db);
    own = `base/${dbs.rows.find((row) => row.current)?.oid}`;
    templates = dbs.rows.filter((row) => !row.current).map((row) => `base/${row.oid}`);
  }, 60_000);
  afterAll(() => db?.destroy());

  it('leave out the template databases’ files and keep their folders and the database’s own files', async () => {
    expect(templates.length).toBeGreaterThan(0);
    const archive = paths(await bytesOf(await dumpPglite(db)));
    for (const dir of templates) {
      expect(archive).toContain(dir);
      expect(archive.filter((path) => path.startsWith(`${dir}/`))).toEqual([]);
    }
    expect(archive.filter((path) => path.startsWith(`${own}/`)).length).toBeGreaterThan(100);
    expect(archive).toContain('global/pg_control');
  });

  it('drop exactly the files inside the given folders, and end with the two zero blocks', async () => {
    const full = await bytesOf(await dumpPglite(db));
    const slim = withoutFilesIn(full, [own]);
    expect(paths(slim)).toEqual(paths(full).filter((path) => !path.startsWith(`${own}/`)));
    expect(slim.length).toBeLessThan(full.length);
    expect(slim.subarray(slim.length - 1024).every((byte) => byte === 0)).toBe(true);
    expect(paths(withoutFilesIn(full, []))).toEqual(paths(full));
  });

  it('refuse an archive cut short instead of returning part of it', async () => {
    const full = await bytesOf(await dumpPglite(db));
    expect(() => withoutFilesIn(full.subarray(0, Math.floor(full.length / 2)), [own])).toThrow(
      /dump archive/,
    );
    expect(() => withoutFilesIn(full.subarray(0, 100), [own])).toThrow(/dump archive/);
  });

  it('give a database the store reads and writes, which dumps and loads again', async () => {
    await createStore(db).setup.createWorkspace({ slug: 'dumped', name: 'Dumped' });
    const copy = await openDatabase({ driver: 'pglite', dataDir: null, loadDataDir: await dumpPglite(db) });
    let again: Blob;
    try {
      const store = createStore(copy);
      expect((await store.workspaces.findBySlug('dumped'))?.name).toBe('Dumped');
      await store.setup.createWorkspace({ slug: 'dumped-again', name: 'Dumped again' });
      again = await dumpPglite(copy);
    } finally {
      await copy.destroy();
    }
    const third = await openDatabase({ driver: 'pglite', dataDir: null, loadDataDir: again });
    try {
      const store = createStore(third);
      expect((await store.workspaces.findBySlug('dumped'))?.name).toBe('Dumped');
      expect((await store.workspaces.findBySlug('dumped-again'))?.name).toBe('Dumped again');
    } finally {
      await third.destroy();
    }
  }, 60_000);
});
