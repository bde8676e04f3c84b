import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the trained-model directory the in-memory test servers of this run share (see harness.ts) */
    botModelDir: string;
    /** this run's compiled worker entry points (worker.js, pgliteWorker.js, miningWorker.js; see setup.ts) */
    workerBundles: string | null;
  }
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One directory of trained bot models for the whole run: the in-memory test servers keep the models they train
 * there as an embedded deployment keeps them in its data directory, so the tests run the same code path as
 * `npm start`. (It shares no model between test processes: each process seeds its own demo workspace, with its
 * own id.) Removed at the end: every run starts without models.
 *
 * The worker threads' code compiled from the current sources, once per run (scripts/build-server.mjs, about
 * half a second): the tests' training, mining and PGlite threads start from it as in production, instead of
 * compiling TypeScript through tsx in every thread. Without it (the build failed) they run from source.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-models-'));
  project.provide('botModelDir', dir);
  removeLeftBundles();
  const bundles = `dist/.test-workers-${process.pid}`;
  const build = () => {
    const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--outdir', bundles], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0)
      process.stderr.write(`test workers run from source: ${built.stderr || built.error?.message}\n`);
    return built.status === 0 ? join(root, bundles) : null;
  };
  project.provide('workerBundles', build());
  // watch mode: each rerun gets the workers of the sources as they are now
  project.onTestsRerun(() => {
    build();
  });
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(root, bundles), { recursive: true, force: true });
  };
}

/** Bundles of earlier runs that were killed before removing theirs (their process is gone). */
function removeLeftBundles(): void {
  let names: string[] = [];
  try {
    names = readdirSync(join(root, 'dist'));
  } catch {
    return; // no dist/ yet
  }
  for (const name of names) {
    const pid = Number(/^\.test-workers-(\d+)$/.exec(name)?.[1]);
    if (!pid || alive(pid)) continue;
    rmSync(join(root, 'dist', name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
