#!/usr/bin/env node
// Writes brotli (.br) and gzip (.gz) copies beside the built web assets (console and widget), which the server
// sends to browsers that accept them (@fastify/static `preCompressed`): the console's scripts are about a
// quarter of their size on the wire, and nothing is compressed per request. Run by `npm run build:web`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../', import.meta.url));
const folders = ['apps/console/dist', 'apps/widget/dist'];
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
/** Below this a compressed copy saves too little to be worth a file. */
const MIN_BYTES = 1024;

let files = 0;
let before = 0;
let after = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (COMPRESSIBLE.test(name) && statSync(path).size >= MIN_BYTES) {
      const data = readFileSync(path);
      const br = brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      });
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      files++;
      before += data.length;
      after += br.length;
    }
  }
}
for (const folder of folders) walk(join(root, folder));
process.stdout.write(
  `compress-web: ${files} files, ${Math.round(before / 1024)} kB → ${Math.round(after / 1024)} kB (brotli)\n`,
);
