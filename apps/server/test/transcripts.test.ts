import { fileURLToPath } from 'node:url';
import { formatReport, runTranscripts } from '@tandem/engine';
import { describe, expect, it } from 'vitest';

// The demo workspace's transcript tests (the same files `npx tandem test` runs), in both languages.
const dir = fileURLToPath(new URL('../src/demo/transcripts', import.meta.url));

describe('demo transcripts', () => {
  it('every transcript passes against the demo workspace and its business API', async () => {
    const results = await runTranscripts(dir);
    expect(results.length, 'no transcripts found').toBeGreaterThan(0);
    const failed = results.filter((r) => r.error || r.failures.length > 0);
    expect(failed.length, `\n${formatReport(results)}`).toBe(0);
  }, 120_000);
});
