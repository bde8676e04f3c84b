import type { EmotionLang } from '@tandem/engine';

export interface PredictArgs {
  test: string;
  out: string;
  train?: string;
  lang?: EmotionLang;
  /** Without `--train`: 'shipped' (default) uses the shipped English model for English lines; 'none' does not. */
  model?: 'shipped' | 'none';
}

/**
 * Parses `--test T --out O [--train R] [--lang auto|zh|en] [--model shipped|none]`; returns an error message
 * when invalid.
 */
export function parsePredictArgs(args: readonly string[]): PredictArgs | string {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (!['--test', '--out', '--train', '--lang', '--model'].includes(flag)) return `unknown option ${flag}`;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    values.set(flag, value);
    i++;
  }
  const test = values.get('--test');
  const out = values.get('--out');
  if (test === undefined || out === undefined) return '--test and --out are required';
  const lang = values.get('--lang') ?? 'auto';
  if (lang !== 'auto' && lang !== 'zh' && lang !== 'en') return '--lang must be auto, zh or en';
  const train = values.get('--train');
  const model = values.get('--model');
  if (model !== undefined && model !== 'shipped' && model !== 'none')
    return '--model must be shipped or none';
  if (model !== undefined && train !== undefined) return '--model and --train cannot be combined';
  return {
    test,
    out,
    ...(train === undefined ? {} : { train }),
    ...(lang === 'auto' ? {} : { lang }),
    ...(model === undefined ? {} : { model }),
  };
}
