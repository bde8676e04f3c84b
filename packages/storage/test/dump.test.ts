import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Db, dumpPglite, migratedPglite, openDatabase } from '../src/index.ts';
import { withoutFilesIn } from '../src/pglite/dumpArchive.ts';

/** The paths of an archive's entries (ustar, names under 100 bytes as PGlite writes them); read to its end. */
function paths(archive: Uint8Array): string[] {
  const out: string[] = [];
  let offset = 0;
  while (archive.subarray(offset, offset + 512).some((b) => b !== 0)) {
    const header = archive.subarray(offset, offset + 512);
    const name = new TextDecoder().decode(header.subarray(0, 100)).replace(/\0.*$/s, '');
    const size = Number.parseInt(
      new TextDecoder().decode(header.subarray(124, 136)).replace(/\0.*$/s, ''),
      8,
    );
    expect(Number.isInteger(size), `size of ${name}`).toBe(true);
    out.push(name.replace(/^\/+/, ''));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  // stopped on the end-of-archive blocks, not on something unreadable
  expect(offset + 1024).toBeLessThanOrEqual(archive.length);
  expect(archive.subarray(offset, offset + 1024).every((b) => b === 0)).toBe(true);
  return out;
}

/** A ustar archive of the given entries (a name ending in "/" is a folder), as small as PGlite writes them. */
function archiveOf(entries: Array<{ name: string; content?: string; type?: string }>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { name, content = '', type } of entries) {
    const header = new Uint8Array(512);
    const bytes = new TextEncoder().encode(content);
    header.set(new TextEncoder().encode(name), 0);
    header.set(new TextEncoder().encode(`${bytes.length.toString(8).padStart(11, '0')}\0`), 124);
    header[156] = (type ?? (name.endsWith('/') ? '5' : '0')).charCodeAt(0);
    header.set(new TextEncoder().encode('ustar\0'), 257);
    const body = new Uint8Array(Math.ceil(bytes.length / 512) * 512);
    body.set(bytes);
    parts.push(header, body);
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('the archive filter', () => {
  const archive = archiveOf([
    { name: '/base/' },
    { name: '/base/1/' },
    { name: '/base/1/1259', content: 'template1 pages' },
    { name: '/base/13/' },
    { name: '/base/13/1259', content: 'another database with a longer number' },
    { name: '/global/pg_control', content: 'x'.repeat(700) },
  ]);

  it('drops the files inside a folder, never those of a folder whose name only starts the same', () => {
    expect(paths(withoutFilesIn(archive, ['base/1']))).toEqual([
      'base/',
      'base/1/',
      'base/13/',
      'base/13/1259',
      'global/pg_control',
    ]);
    expect(paths(withoutFilesIn(archive, []))).toEqual(paths(archive));
    expect(paths(withoutFilesIn(archive, ['base/1', 'base/13']))).toEqual([
      'base/',
      'base/1/',
      'base/13/',
      'global/pg_control',
    ]);
  });

  it('keeps contents byte for byte across the padding', () => {
    const slim = withoutFilesIn(archive, ['base/1']);
    const text = new TextDecoder().decode(slim);
    expect(text).toContain('x'.repeat(700));
    expect(text).not.toContain('template1 pages');
    expect(slim.length % 512).toBe(0);
  });

  it('refuses an archive cut short, and entry types it cannot filter safely', () => {
    expect(() => withoutFilesIn(archive.subarray(0, 1536), ['base/1'])).toThrow(/dump archive/);
    expect(() => withoutFilesIn(archive.subarray(0, 100), ['base/1'])).toThrow(/dump archive/);
    const longName = archiveOf([{ name: '././@LongLink', content: 'base/1/1259', type: 'L' }]);
    expect(() => withoutFilesIn(longName, ['base/1'])).toThrow(/entry type "L"/);
    const pax = archiveOf([{ name: 'PaxHeader', content: '30 path=base/1/1259\n', type: 'x' }]);
    expect(() => withoutFilesIn(pax, ['base/1'])).toThrow(/entry type "x"/);
  });
});

/**
 * Test databases start from dumps (harness.ts, testing.ts) that leave out the files of the cluster's other
 * databases (template0, template1), which nothing opens.
 */
describe('PGlite dumps for test databases', () => {
  let db: Db;
  let templates: string[];

  beforeAll(async () => {
    db = await openDatabase({ driver: 'pglite', dataDir: null, loadDataDir: await migratedPglite() });
    const others = await sql<{ oid: number }>`
      select oid::int as oid from pg_database where datname <> current_database()`.execute(db);
    templates = others.rows.map((row) => `base/${row.oid}`);
  }, 60_000);
  afterAll(() => db?.destroy());

  it('leave out the template databases’ files, keeping their folders and the database’s own files', async () => {
    expect(templates.length).toBeGreaterThan(0);
    const slim = paths(await bytesOf(await dumpPglite(db, { withoutTemplates: true })));
    const full = paths(await bytesOf(await dumpPglite(db)));
    for (const dir of templates) {
      expect(slim).toContain(dir);
      expect(slim.filter((path) => path.startsWith(`${dir}/`))).toEqual([]);
    }
    expect(slim).toEqual(full.filter((path) => !templates.some((dir) => path.startsWith(`${dir}/`))));
    expect(slim).toContain('global/pg_control');
    expect(slim.length).toBeGreaterThan(400);
  });

  it('give a database the store reads and writes, which dumps and loads again', async () => {
    await createStore(db).setup.createWorkspace({ slug: 'dumped', name: 'Dumped' });
    const copy = await openDatabase({
      driver: 'pglite',
      dataDir: null,
      loadDataDir: await dumpPglite(db, { withoutTemplates: true }),
    });
    let again: Blob;
    try {
      const store = createStore(copy);
      expect((await store.workspaces.findBySlug('dumped'))?.name).toBe('Dumped');
      await store.setup.createWorkspace({ slug: 'dumped-again', name: 'Dumped again' });
      again = await dumpPglite(copy, { withoutTemplates: true });
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
