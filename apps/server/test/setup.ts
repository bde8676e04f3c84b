// Worker threads start from this run's compiled entry points (globalSetup.ts), as they do in production. Only
// the two modules that start them are loaded here (the same module instances the packages use), not the
// packages: a test file that needs neither does not pay for loading them.

import { beforeEach, inject } from 'vitest';
import { useWorkerBundles } from '../../../packages/engine/src/workerThread.ts';
import { usePgliteWorkerBundle } from '../../../packages/storage/src/pglite/workerDialect.ts';
import { takeServerLogs } from './serverLogs.ts';

const bundles = inject('workerBundles') ?? null;
useWorkerBundles(bundles);
usePgliteWorkerBundle(bundles);

// a failing test shows what its servers logged as errors meanwhile (harness.ts keeps them; nothing otherwise)
beforeEach((context) => {
  takeServerLogs();
  context.onTestFailed(() => {
    const logs = takeServerLogs();
    if (logs.length > 0)
      process.stderr.write(
        `errors the test servers logged during "${context.task.name}":\n${logs.join('')}\n`,
      );
  });
});
