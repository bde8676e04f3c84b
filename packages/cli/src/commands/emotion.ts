export async function emotionCommand(_args: string[]): Promise<number> {
  process.stderr.write('tandem emotion: not available in this build\n');
  return 2;
}
