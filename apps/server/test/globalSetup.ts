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
 * One directory of trained bot models for the whole run: the test servers keep the models they train there
 * as an embedded deployment keeps them beside its database, so the demo's model is trained once per run
 * instead of once per test process, and a knowledge base two files build alike is trained once. Removed at
 * the end: every run starts without models.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-models-'));
  project.provide('botModelDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
