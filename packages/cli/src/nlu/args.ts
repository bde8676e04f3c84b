export interface NluArgs {
  train?: string;
  test?: string;
  out?: string;
  lang: 'auto' | 'zh' | 'en';
  folds?: number;
  json: boolean;
}

const VALUE_FLAGS = new Set(['--train', '--test', '--out', '--lang', '--folds']);

/** Parses `--flag value` pairs; returns an error message on anything unexpected. */
export function parseNluArgs(args: readonly string[]): NluArgs | string {
  const parsed: NluArgs = { lang: 'auto', json: false };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === '--json') {
      parsed.json = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) return `unknown argument ${flag}`;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    i++;
    if (flag === '--train') parsed.train = value;
    else if (flag === '--test') parsed.test = value;
    else if (flag === '--out') parsed.out = value;
    else if (flag === '--lang') {
      if (value !== 'auto' && value !== 'zh' && value !== 'en') return '--lang must be auto, zh or en';
      parsed.lang = value;
    } else {
      const folds = Number(value);
      if (!Number.isInteger(folds) || folds < 2) return '--folds must be an integer of at least 2';
      parsed.folds = folds;
    }
  }
  return parsed;
}
