import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Where the engine's worker threads (training, question mining) get their code:
 * - compiled (scripts/build-server.mjs), each worker is an entry point of its own beside the server's bundle;
 * - from the sources (tsx, Vitest), from such bundles when `useWorkerBundles` named a folder of them (the
 *   tests build them once per run, so a thread starts as it does in production instead of compiling the
 *   engine's TypeScript again: about a quarter of a second of CPU per thread);
 * - otherwise from the TypeScript entry, through tsx's loader (Node 20 workers ignore `--import` loaders).
 */
const compiled = !new URL(import.meta.url).pathname.endsWith('.ts');
let bundles: string | null = null;

/**
 * Run worker threads from this folder of compiled entry points (scripts/build-server.mjs output); null: from
 * source. Returns the folder used before.
 */
export function useWorkerBundles(dir: string | null): string | null {
  const before = bundles;
  bundles = dir;
  return before;
}

/** Where tsx's loader API lives, so a worker can compile TypeScript like the main thread does. */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') {
    try {
      return import.meta.resolve('tsx/esm/api');
    } catch {
      // resolved below
    }
  }
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(packageJson.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
}

/**
 * A worker thread running `source` (a TypeScript entry) or, compiled, the bundle `bundle` (e.g. `worker.js`).
 * Null when the compiled build has no such bundle.
 */
export function startWorker(source: URL, bundle: string): Worker | null {
  if (compiled) {
    const url = new URL(`./${bundle}`, import.meta.url);
    return existsSync(fileURLToPath(url)) ? new Worker(url) : null;
  }
  if (bundles !== null) {
    const path = join(bundles, bundle);
    if (existsSync(path)) return new Worker(pathToFileURL(path));
  }
  const code = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(code, { eval: true });
}
