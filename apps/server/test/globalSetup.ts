import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the trained-model directory the in-memory test servers of this run share (see harness.ts) */
    botModelDir: string;
  }
}

/**
 * One directory of trained bot models for the whole run: the in-memory test servers keep the models they train
 * there as an embedded deployment keeps them in its data directory, so the tests run the same code path as
 * `npm start`. (It shares no model between test processes: each process seeds its own demo workspace, with its
 * own id.) Removed at the end: every run starts without models.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-models-'));
  project.provide('botModelDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
