import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Row {
  text: string;
  intent: string;
}

/** The shared evaluation data sits beside the checkout: ../shared/datasets. */
export const DATASETS = fileURLToPath(new URL('../../../../../shared/datasets/', import.meta.url));

export function loadRows(path: string): Row[] {
  const text = readFileSync(`${DATASETS}${path}`, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { text: t, intent } = JSON.parse(line) as Row;
      return { text: t, intent };
    });
}

export type TaskName =
  | 'clinc150'
  | 'banking77'
  | 'smp2017'
  | 'banking77-oos'
  | 'banking77-oos-20'
  | 'clinc150-small'
  | 'clinc150-20'
  | 'smp2017-oos';

/** One train → test split of a task (cross-validation tasks have several). */
export interface Split {
  train: Row[];
  test: Row[];
}

export interface Task {
  name: TaskName;
  lang: 'en' | 'zh';
  protocol: string;
  splits: () => Split[];
}

/** Deterministic 5-fold split: stratified by intent, round-robin in file order (no randomness to argue about). */
function folds(rows: Row[], k: number): Split[] {
  const seen = new Map<string, number>();
  const fold = rows.map((r) => {
    const n = seen.get(r.intent) ?? 0;
    seen.set(r.intent, n + 1);
    return n % k;
  });
  return Array.from({ length: k }, (_, f) => ({
    train: rows.filter((_, i) => fold[i] !== f),
    test: rows.filter((_, i) => fold[i] === f),
  }));
}

/**
 * A small bot's training data: no out-of-scope rows (a company labels none) and, with `perIntent`, only
 * the first `perIntent` examples of each intent in file order (deterministic; the files are not sorted by
 * phrasing, so the first rows are as good a sample as any).
 */
export function smallBot(rows: readonly Row[], perIntent?: number): Row[] {
  const seen = new Map<string, number>();
  return rows.filter((r) => {
    if (r.intent === 'oos') return false;
    const n = seen.get(r.intent) ?? 0;
    seen.set(r.intent, n + 1);
    return perIntent === undefined || n < perIntent;
  });
}

/** Tasks of the small-bot protocol: few examples per intent, out-of-scope rows only in the test set. */
export const SMALL_BOT_TASKS: readonly TaskName[] = [
  'banking77-oos',
  'banking77-oos-20',
  'clinc150-small',
  'clinc150-20',
  'smp2017-oos',
];

/**
 * A Chinese small bot with questions it was never taught: every fourth intent of SMP2017 (in sorted order)
 * is left out of training, and its validation rows become out-of-scope rows (no Chinese data set labels
 * out-of-scope questions).
 */
function withoutEveryFourthIntent(train: Row[], test: Row[]): Split {
  const intents = [...new Set(train.map((r) => r.intent))].sort();
  const hidden = new Set(intents.filter((_, i) => i % 4 === 3));
  return {
    train: train.filter((r) => !hidden.has(r.intent)),
    test: test.map((r) => (hidden.has(r.intent) ? { text: r.text, intent: 'oos' } : r)),
  };
}

export const TASKS: Record<TaskName, Task> = {
  clinc150: {
    name: 'clinc150',
    lang: 'en',
    protocol: 'train → val (150 intents + oos)',
    splits: () => [{ train: loadRows('clinc150/train.jsonl'), test: loadRows('clinc150/val.jsonl') }],
  },
  banking77: {
    name: 'banking77',
    lang: 'en',
    protocol: '5-fold cross-validation on train (77 intents)',
    splits: () => folds(loadRows('banking77/train.jsonl'), 5),
  },
  smp2017: {
    name: 'smp2017',
    lang: 'zh',
    protocol: 'train → val (31 intents, Chinese)',
    splits: () => [{ train: loadRows('smp2017/train.jsonl'), test: loadRows('smp2017/val.jsonl') }],
  },
  'banking77-oos': {
    name: 'banking77-oos',
    lang: 'en',
    protocol: 'small bot: banking77-oos train without its oos rows (50 intents, ~118 each) → val (728 oos)',
    splits: () => [
      { train: smallBot(loadRows('banking77-oos/train.jsonl')), test: loadRows('banking77-oos/val.jsonl') },
    ],
  },
  'banking77-oos-20': {
    name: 'banking77-oos-20',
    lang: 'en',
    protocol: 'small bot: 20 per intent from banking77-oos train, no oos (50 intents) → val (728 oos)',
    splits: () => [
      {
        train: smallBot(loadRows('banking77-oos/train.jsonl'), 20),
        test: loadRows('banking77-oos/val.jsonl'),
      },
    ],
  },
  'clinc150-small': {
    name: 'clinc150-small',
    lang: 'en',
    protocol: 'small bot: clinc150 small_train without oos (150 intents × 50) → val (100 oos)',
    splits: () => [
      { train: smallBot(loadRows('clinc150/small_train.jsonl')), test: loadRows('clinc150/val.jsonl') },
    ],
  },
  'clinc150-20': {
    name: 'clinc150-20',
    lang: 'en',
    protocol: 'small bot: 20 per intent from clinc150 small_train, no oos (150 intents) → val (100 oos)',
    splits: () => [
      { train: smallBot(loadRows('clinc150/small_train.jsonl'), 20), test: loadRows('clinc150/val.jsonl') },
    ],
  },
  'smp2017-oos': {
    name: 'smp2017-oos',
    lang: 'zh',
    protocol:
      'small bot, Chinese: smp2017 train without every 4th intent (24 intents) → val, those intents as oos',
    splits: () => [withoutEveryFourthIntent(loadRows('smp2017/train.jsonl'), loadRows('smp2017/val.jsonl'))],
  },
};
