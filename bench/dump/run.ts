// `npm run bench:dump [-- --rounds N]`: what opening a test database from a dump costs (every test server and
// PGlite test database starts from one: apps/server/test/harness.ts, packages/storage/src/testing.ts), with
// the whole cluster in the archive against the archive without template0 and template1 (what `dumpPglite`
// gives), alternating in the same run. The dump holds the migrated schema and the seeded demo workspace.
import { sql } from 'kysely';
import { seedDemoCannedReplies } from '../../apps/server/src/demo/cannedReplies.ts';
import { seedDemoDefinitions, seedDemoWorkspace } from '../../apps/server/src/demo/seed.ts';
import { createStore, dumpPglite, migrateToLatest, openDatabase } from '../../packages/storage/src/index.ts';

const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 8;
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) {
  console.error('bench:dump: --rounds takes a whole number from 1 to 100');
  process.exit(2);
}

/** Entries (files and folders) of a ustar archive: headers until the zero blocks. */
function entries(archive: Uint8Array): number {
  let offset = 0;
  let count = 0;
  while (offset + 512 <= archive.length && archive.subarray(offset, offset + 512).some((b) => b !== 0)) {
    const digits = new TextDecoder()
      .decode(archive.subarray(offset + 124, offset + 136))
      .replace(/\0.*$/s, '');
    offset += 512 + Math.ceil((Number.parseInt(digits.trim() || '0', 8) || 0) / 512) * 512;
    count++;
  }
  return count;
}

const source = await openDatabase({ driver: 'pglite', dataDir: null, thread: 'main' });
await migrateToLatest(source);
const store = createStore(source);
await seedDemoWorkspace(store);
await seedDemoDefinitions(store);
await seedDemoCannedReplies(store);
const dumps = {
  'whole cluster': await dumpPglite(source),
  'without template0/1': await dumpPglite(source, { withoutTemplates: true }),
};
await source.destroy();

type Name = keyof typeof dumps;
const names = Object.keys(dumps) as Name[];
const times = new Map<Name, { wall: number[]; cpu: number[] }>(names.map((n) => [n, { wall: [], cpu: [] }]));
// one unmeasured open of each first: the first PGlite of a process also compiles its WebAssembly
for (const round of [-1, ...Array.from({ length: rounds }, (_, r) => r)]) {
  for (const name of round % 2 ? names : [...names].reverse()) {
    // each open starts from a collected heap (run with --expose-gc, as `npm run bench:dump` does)
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const db = await openDatabase({ driver: 'pglite', dataDir: null, loadDataDir: dumps[name] });
    await sql`select count(*) from workspaces`.execute(db);
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - started;
    await db.destroy();
    if (round < 0) continue;
    times.get(name)?.wall.push(wall);
    times.get(name)?.cpu.push((used.user + used.system) / 1000);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
    : (sorted[Math.floor(middle)] as number);
};
const ms = (value: number) => `${Math.round(value)} ms`;
console.log(`\nOpening an in-memory PGlite from a dump of the seeded demo, ${rounds} rounds, alternating\n`);
console.log('| archive | entries | MB | open: median | min | max | CPU: median |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const name of names) {
  const bytes = new Uint8Array(await dumps[name].arrayBuffer());
  const { wall, cpu } = times.get(name) as { wall: number[]; cpu: number[] };
  console.log(
    `| ${name} | ${entries(bytes)} | ${(bytes.length / 1e6).toFixed(1)} | ${ms(median(wall))} | ${ms(Math.min(...wall))} | ${ms(Math.max(...wall))} | ${ms(median(cpu))} |`,
  );
}
process.exit(0);
