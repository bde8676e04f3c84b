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

export type TaskName = 'clinc150' | 'banking77' | 'smp2017';

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
};
