export async function nluCommand(_args: string[]): Promise<number> {
  process.stderr.write('tandem nlu: not available in this build\n');
  return 2;
}
