// Worker threads start from this run's compiled entry points (globalSetup.ts), as they do in production. Only
// the two modules that start them are loaded here (the same module instances the packages use), not the
// packages: a test file that needs neither does not pay for loading them.

import { inject } from 'vitest';
import { useWorkerBundles } from '../../../packages/engine/src/workerThread.ts';
import { usePgliteWorkerBundle } from '../../../packages/storage/src/pglite/workerDialect.ts';

const bundles = inject('workerBundles') ?? null;
useWorkerBundles(bundles);
usePgliteWorkerBundle(bundles);
