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
}

/**
 * Training rows: `{"text", "label"}` with a basic emotion label (angry/happy/sad are accepted as aliases).
 * Rows whose label is null (multi-label rows of GoEmotions) are skipped and counted.
 */
export async function readTrainRows(
  file: string,
  parseLabel: (label: string) => BasicEmotion | undefined,
): Promise<{ rows: TrainRow[]; skipped: number }> {
  const rows: TrainRow[] = [];
  let skipped = 0;
  for (const { line, value } of await readRows(file)) {
    if (typeof value.text !== 'string') throw new InputLineError(file, line, '"text" must be a string');
    if (value.label === null) {
      skipped++;
      continue;
    }
    if (typeof value.label !== 'string') throw new InputLineError(file, line, '"label" must be a string');
    const label = parseLabel(value.label);
    if (label === undefined) {
      throw new InputLineError(
        file,
        line,
        `unknown label "${value.label}" (expected anger, disgust, fear, joy, sadness, surprise or neutral)`,
      );
    }
    rows.push({ text: value.text, label });
  }
  return { rows, skipped };
}
