// Prints what a browser downloads on the console's first load (the entry, its preloaded chunks and CSS),
// gzipped, and the largest pages loaded later. Run after `npm run build:web`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = new URL('../apps/console/dist/', import.meta.url).pathname;
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const first = [...html.matchAll(/(?:src|href)="\/console\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

let total = 0;
console.log('first load (gzip -9)');
for (const file of first) {
  const size = gz(file);
  total += size;
  console.log(`  ${file.padEnd(44)} ${kb(size).padStart(10)}`);
}
console.log(`  ${'total'.padEnd(44)} ${kb(total).padStart(10)}`);
const later = readdirSync(join(dir, 'assets'))
  .filter((name) => name.endsWith('.js') && !first.includes(`assets/${name}`))
  .map((name) => ({ name, size: gz(`assets/${name}`) }))
  .sort((a, b) => b.size - a.size)
  .slice(0, 6);
console.log('loaded on first use (largest)');
for (const { name, size } of later) console.log(`  ${`assets/${name}`.padEnd(44)} ${kb(size).padStart(10)}`);
