import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorker, useWorkerBundles } from './workerThread.ts';

const source = new URL('./workerThread.fixture.ts', import.meta.url);
const firstMessage = (worker: Worker) =>
  new Promise<unknown>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });

describe('worker threads from source', () => {
  const dirs: string[] = [];
  // the run's own bundles (apps/server/test/setup.ts), put back for the test files after this one
  const before = useWorkerBundles(null);
  afterEach(() => {
    useWorkerBundles(before);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the compiled bundle from the folder it was given, and the TypeScript entry without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-bundles-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'fixture.js'),
      "import { parentPort } from 'node:worker_threads'; parentPort.postMessage('bundle');",
    );
    useWorkerBundles(dir);
    const fromBundle = startWorker(source, 'fixture.js');
    expect(await firstMessage(fromBundle!)).toBe('bundle');
    await fromBundle!.terminate();

    // a bundle the folder does not hold, or no folder: the TypeScript entry through tsx
    const missing = startWorker(source, 'absent.js');
    expect(await firstMessage(missing!)).toBe('source');
    await missing!.terminate();
    useWorkerBundles(null);
    const fromSource = startWorker(source, 'fixture.js');
    expect(await firstMessage(fromSource!)).toBe('source');
    await fromSource!.terminate();
  });
});
