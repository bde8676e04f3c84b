import { emotionCommand } from './commands/emotion.ts';
import { nluCommand } from './commands/nlu.ts';
import { transcriptTestCommand } from './commands/test.ts';

const usage = `usage: tandem <command>

  nlu predict --train TRAIN.jsonl --test TEST.jsonl --out PRED.jsonl [--lang auto|zh|en]
  nlu eval    --train TRAIN.jsonl --test TEST.jsonl [--lang auto|zh|en]
  emotion predict --test TEST.jsonl --out PRED.jsonl [--train TRAIN.jsonl]
  test DIR    run transcript tests
`;

/** Entry point of the `tandem` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'nlu':
        return await nluCommand(rest);
      case 'emotion':
        return await emotionCommand(rest);
      case 'test':
        return await transcriptTestCommand(rest);
      default:
        process.stderr.write(usage);
        return command === undefined || command === '--help' ? 0 : 2;
    }
  } catch (error) {
    process.stderr.write(`tandem: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
