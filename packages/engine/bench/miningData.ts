/** Question sets for `npm run bench:mining`, read from ../shared/datasets (train/val splits only). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DATASETS = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));

export interface Labelled {
  texts: string[];
  labels: string[];
}

function rows<T>(path: string): T[] {
  const file = `${DATASETS}${path}`;
  if (!existsSync(file)) throw new Error(`missing dataset ${file} (see ../shared/datasets/README.md)`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** CLINC150 val: the 3,000 in-scope utterances and their 150 intents (out-of-scope rows have no topic). */
export function clincVal(): Labelled {
  const data = rows<{ text: string; intent: string }>('clinc150/val.jsonl').filter((r) => r.intent !== 'oos');
  return { texts: data.map((r) => r.text), labels: data.map((r) => r.intent) };
}

/** The customers' turns of the JDDC dialogs (Chinese e-commerce chats), unlabelled. */
export function jddcCustomerTurns(): string[] {
  const out: string[] = [];
  for (const dialog of rows<{ turns: { speaker: string; text: string }[] }>('jddc/dialogs.jsonl')) {
    for (const turn of dialog.turns) if (turn.speaker === 'customer' && turn.text.trim()) out.push(turn.text);
  }
  return out;
}

/**
 * `size` real customer questions in Chinese and English for the time and memory run: JDDC customer turns,
 * CLINC150 train + val, BANKING77 train, then AFQMC questions until the count is reached.
 */
export function mixedQuestions(size: number): string[] {
  const out = [...jddcCustomerTurns()];
  for (const r of rows<{ text: string }>('clinc150/train.jsonl')) out.push(r.text);
  out.push(...clincVal().texts);
  for (const r of rows<{ text: string }>('banking77/train.jsonl')) out.push(r.text);
  for (const r of rows<{ a: string; b: string }>('afqmc/train.jsonl')) {
    if (out.length >= size) break;
    out.push(r.a, r.b);
  }
  return out.slice(0, size);
}
