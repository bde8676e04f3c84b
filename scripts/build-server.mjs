#!/usr/bin/env node
// Compiles the server for production: `npm run build:server` → dist/server/main.js (`node dist/server/main.js`).
// esbuild bundles apps/server and the workspace packages (@tandem/*, which export their TypeScript sources)
// into ESM for Node 20; third-party packages stay external and load from node_modules, so the bundle runs
// inside the checkout. More entry points sit beside it:
// - worker.js, the engine's training worker (packages/engine/src/nlu/worker.ts): worker threads need a file
//   of their own; trainInWorker.ts picks worker.js when it runs compiled;
// - pgliteWorker.js, the thread embedded PGlite runs in (packages/storage/src/pglite/worker.ts), started by
//   pglite/workerDialect.ts;
// - en-goemotions.bin, the engine's shipped emotion model, read beside the module that loads it.
// The server's own run-time files (demo workspace, web assets) are read from the checkout (apps/server/src/paths.ts).
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
// `--outdir dist/<name>` builds a second copy beside dist/server (e.g. to benchmark a change while tests run
// the other); it must be two levels below the checkout, where the bundle finds the checkout's run-time files.
const outArg = process.argv.indexOf('--outdir');
const outName = outArg > 0 ? process.argv[outArg + 1] : 'dist/server';
if (!/^dist\/[\w.-]+$/.test(outName ?? '')) {
  process.stderr.write('build-server: --outdir is dist/<name>\n');
  process.exit(2);
}
const outdir = `${root}${outName}`;

/** @tandem/<name> → its source entry (the "." export of packages/* and apps/*), so esbuild bundles it. */
function workspaceAliases() {
  const aliases = {};
  for (const folder of ['packages', 'apps']) {
    for (const name of readdirSync(`${root}${folder}`)) {
      const dir = `${root}${folder}/${name}`;
      let pkg;
      try {
        pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
      } catch {
        continue;
      }
      const entry = typeof pkg.exports === 'string' ? pkg.exports : pkg.exports?.['.'];
      if (pkg.name?.startsWith('@tandem/') && typeof entry === 'string')
        aliases[pkg.name] = `${dir}/${entry}`;
    }
  }
  return aliases;
}

rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'apps/server/src/main.ts',
    worker: 'packages/engine/src/nlu/worker.ts',
    pgliteWorker: 'packages/storage/src/pglite/worker.ts',
    miningWorker: 'packages/engine/src/mining/worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // aliases apply before `packages: 'external'`: workspace packages are bundled, the rest stays in node_modules
  alias: workspaceAliases(),
  packages: 'external',
  sourcemap: true,
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning', // esbuild prints its errors itself
}).catch(() => process.exit(1));

// tsx and esbuild accept CommonJS-style specifiers (`pkg/file` without extension); Node's ESM loader running
// the bundle does not. Resolve every external import as Node will (scripts/ and dist/server/ share node_modules).
const unresolved = new Set();
for (const output of Object.values(metafile.outputs)) {
  for (const { path, external } of output.imports) {
    if (!external || path.startsWith('node:')) continue;
    let url;
    try {
      url = import.meta.resolve(path);
    } catch {
      unresolved.add(path);
      continue;
    }
    if (url.startsWith('file:') && !existsSync(fileURLToPath(url))) unresolved.add(path);
  }
}
if (unresolved.size > 0) {
  process.stderr.write(
    `build-server: Node cannot load these imports from dist/server/ (write the file's extension, e.g. pkg/file.js):\n  ${[...unresolved].join('\n  ')}\n`,
  );
  rmSync(outdir, { recursive: true, force: true }); // no bundle that fails at start-up is left behind
  process.exit(1);
}
copyFileSync(`${root}packages/engine/src/emotion/model/en-goemotions.bin`, `${outdir}/en-goemotions.bin`);
process.stdout.write(`built ${outName}/ in ${Math.round(performance.now() - started)} ms\n`);
