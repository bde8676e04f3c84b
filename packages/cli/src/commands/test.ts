export async function transcriptTestCommand(_args: string[]): Promise<number> {
  process.stderr.write('tandem test: not available in this build\n');
  return 2;
}
