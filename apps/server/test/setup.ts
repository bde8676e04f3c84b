import { useWorkerBundles } from '@tandem/engine';
import { usePgliteWorkerBundle } from '@tandem/storage';
import { inject } from 'vitest';

// Worker threads start from this run's compiled entry points (globalSetup.ts), as they do in production.
const bundles = inject('workerBundles') ?? null;
useWorkerBundles(bundles);
usePgliteWorkerBundle(bundles);
