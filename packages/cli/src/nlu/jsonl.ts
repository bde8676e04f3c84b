import { readFile } from 'node:fs/promises';

/** A problem with one line of an input file: the message names the file and the line. */
export class InputLineError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'InputLineError';
  }
}

export interface IntentRow {
  text: string;
  intent: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Every non-blank line of a JSON-lines file, decoded strictly (invalid UTF-8 is an error, not U+FFFD). */
async function lines(file: string): Promise<{ line: number; value: unknown }[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const out: { line: number; value: unknown }[] = [];
  let start = 0;
  let line = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    line++;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, end));
    } catch {
      throw new InputLineError(file, line, 'not valid UTF-8');
    }
    start = end + 1;
    if (text.trim() === '') continue;
    try {
      out.push({ line, value: JSON.parse(text) });
    } catch (error) {
      throw new InputLineError(
        file,
        line,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return out;
}

function objectAt(file: string, line: number, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputLineError(file, line, 'expected a JSON object like {"text": "...", "intent": "..."}');
  }
  return value as Record<string, unknown>;
}

/** Rows with "text" and "intent" strings (training data, or labelled test data). */
export async function readIntentRows(file: string): Promise<IntentRow[]> {
  const rows: IntentRow[] = [];
  for (const { line, value } of await lines(file)) {
    const row = objectAt(file, line, value);
    if (typeof row.text !== 'string') throw new InputLineError(file, line, 'missing "text" string');
    if (typeof row.intent !== 'string' || row.intent.trim() === '') {
      throw new InputLineError(file, line, 'missing "intent" string');
    }
    rows.push({ text: row.text, intent: row.intent });
  }
  if (rows.length === 0) throw new Error(`${file}: no rows`);
  return rows;
}

/** Rows with a "text" string; "intent" is kept when present. */
export async function readTextRows(file: string): Promise<{ text: string; intent?: string }[]> {
  const rows: { text: string; intent?: string }[] = [];
  for (const { line, value } of await lines(file)) {
    const row = objectAt(file, line, value);
    if (typeof row.text !== 'string') throw new InputLineError(file, line, 'missing "text" string');
    rows.push(typeof row.intent === 'string' ? { text: row.text, intent: row.intent } : { text: row.text });
  }
  return rows;
}
