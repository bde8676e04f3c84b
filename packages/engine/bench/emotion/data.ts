import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BasicEmotion, type EmotionExample, toBasicEmotion } from '../../src/emotion/index.ts';

export interface Row {
  text: string;
  label: BasicEmotion;
}

/** `../shared/datasets` beside the checkout, or $TANDEM_DATASETS. */
export function datasetsDir(): string {
  const dir =
    process.env.TANDEM_DATASETS ?? fileURLToPath(new URL('../../../../../shared/datasets/', import.meta.url));
  if (!existsSync(dir)) throw new Error(`datasets not found at ${dir} (set TANDEM_DATASETS)`);
  return dir;
}

interface Line {
  text: string;
  label: string | null;
  labels?: string[];
}

function lines(path: string): Line[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Line);
}

function basic(label: string): BasicEmotion {
  const b = toBasicEmotion(label);
  if (b === undefined) throw new Error(`unknown label ${label}`);
  return b;
}

/** Rows with a single label, for evaluation; GoEmotions' multi-label rows (label null) are left out and counted. */
export function loadRows(path: string): { rows: Row[]; skipped: number } {
  const rows: Row[] = [];
  let skipped = 0;
  for (const value of lines(path)) {
    if (value.label === null) skipped++;
    else rows.push({ text: value.text, label: basic(value.label) });
  }
  return { rows, skipped };
}

/**
 * Training examples: single-label rows as they are; a row with n labels (GoEmotions) as n examples of
 * weight 1/n, so it counts as much as any other row and teaches each of its emotions a little.
 */
export function loadTrainingExamples(path: string): {
  examples: EmotionExample[];
  rows: number;
  multi: number;
} {
  const examples: EmotionExample[] = [];
  let rows = 0;
  let multi = 0;
  for (const value of lines(path)) {
    rows++;
    const labels = value.label !== null ? [value.label] : [...new Set(value.labels ?? [])];
    if (labels.length > 1) multi++;
    for (const label of labels) {
      examples.push({
        text: value.text,
        label: basic(label),
        ...(labels.length > 1 ? { weight: 1 / labels.length } : {}),
      });
    }
  }
  return { examples, rows, multi };
}
