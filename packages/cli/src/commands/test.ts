import { existsSync, statSync } from 'node:fs';
import { formatReport, runTranscripts } from '@tandem/engine';

/** `tandem test DIR`: runs the transcript tests under DIR; exit code 1 when any fails. */
export async function transcriptTestCommand(args: string[]): Promise<number> {
  const [dir] = args;
  if (!dir || args.length > 1) {
    process.stderr.write('usage: tandem test DIR   (runs every .yml transcript under DIR)\n');
    return 2;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`tandem test: ${dir} is not a directory\n`);
    return 2;
  }
  const results = await runTranscripts(dir);
  if (results.length === 0) {
    process.stderr.write(`tandem test: no .yml transcripts under ${dir}\n`);
    return 2;
  }
  process.stdout.write(`${formatReport(results)}\n`);
  return results.every((r) => !r.error && r.failures.length === 0) ? 0 : 1;
}
