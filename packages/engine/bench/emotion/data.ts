import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BasicEmotion, toBasicEmotion } from '../../src/emotion/index.ts';

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

/** Rows with a single label; GoEmotions' multi-label rows (label null) are left out and counted. */
export function loadRows(path: string): { rows: Row[]; skipped: number } {
  const rows: Row[] = [];
  let skipped = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const value = JSON.parse(line) as { text: string; label: string | null };
    const label = value.label === null ? undefined : toBasicEmotion(value.label);
    if (label === undefined) skipped++;
    else rows.push({ text: value.text, label });
  }
  return { rows, skipped };
}
