import { readFile } from 'node:fs/promises';
import type { BasicEmotion } from '@tandem/engine';

/** A bad input line: the command exits non-zero naming the file and the line. */
export class InputLineError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'InputLineError';
  }
}

interface Row {
  line: number;
  value: Record<string, unknown>;
}

async function readRows(file: string): Promise<Row[]> {
  const content = await readFile(file, 'utf8');
  const rows: Row[] = [];
  content.split(/\r?\n/).forEach((text, index) => {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new InputLineError(file, index + 1, 'not valid JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new InputLineError(file, index + 1, 'expected a JSON object');
    }
    rows.push({ line: index + 1, value: value as Record<string, unknown> });
  });
  return rows;
}

/** Test rows: `{"text": string}`; blank lines are skipped. */
export async function readTestRows(file: string): Promise<string[]> {
  const rows = await readRows(file);
  return rows.map(({ line, value }) => {
    if (typeof value.text !== 'string') throw new InputLineError(file, line, '"text" must be a string');
    return value.text;
  });
}

export interface TrainRow {
  text: string;
  label: BasicEmotion;
  /** Set for the examples made from a multi-label row: 1/n each. */
  weight?: number;
}

/**
 * Training rows: `{"text", "label"}` with a basic emotion label (angry/happy/sad are accepted as aliases).
 * A row whose label is null but that has `"labels": [...]` (GoEmotions' multi-label rows) becomes one example
 * per label, each of weight 1/n; a null label without labels is skipped and counted.
 */
export async function readTrainRows(
  file: string,
  parseLabel: (label: string) => BasicEmotion | undefined,
): Promise<{ rows: TrainRow[]; skipped: number }> {
  const rows: TrainRow[] = [];
  let skipped = 0;
  for (const { line, value } of await readRows(file)) {
    if (typeof value.text !== 'string') throw new InputLineError(file, line, '"text" must be a string');
    const parse = (raw: unknown): BasicEmotion => {
      if (typeof raw !== 'string') throw new InputLineError(file, line, '"label" must be a string');
      const label = parseLabel(raw);
      if (label === undefined) {
        throw new InputLineError(
          file,
          line,
          `unknown label "${raw}" (expected anger, disgust, fear, joy, sadness, surprise or neutral)`,
        );
      }
      return label;
    };
    if (value.label === null) {
      const labels = Array.isArray(value.labels) ? [...new Set(value.labels.map(parse))] : [];
      if (labels.length === 0) skipped++;
      for (const label of labels) {
        rows.push({ text: value.text, label, ...(labels.length > 1 ? { weight: 1 / labels.length } : {}) });
      }
      continue;
    }
    rows.push({ text: value.text, label: parse(value.label) });
  }
  return { rows, skipped };
}
