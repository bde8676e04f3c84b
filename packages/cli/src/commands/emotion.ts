import { writeFile } from 'node:fs/promises';
import {
  detectEmotion,
  type EmotionLang,
  type EmotionModel,
  emotionLanguage,
  shippedEmotionModel,
  shippedModelError,
  toBasicEmotion,
  trainEmotionModel,
} from '@tandem/engine';
import { parsePredictArgs } from '../emotion/args.ts';
import { InputLineError, readTestRows, readTrainRows } from '../emotion/jsonl.ts';

const usage = `usage: tandem emotion predict --test TEST.jsonl --out PRED.jsonl [--train TRAIN.jsonl] [--lang auto|zh|en]
                             [--model shipped|none]

  TEST.jsonl   one {"text"} per line
  TRAIN.jsonl  optional {"text","label"} lines (anger, disgust, fear, joy, sadness, surprise, neutral;
               a null label with "labels": [...] counts each label with weight 1/n)
  --model      without --train: "shipped" (default) uses the English model shipped with Tandem (trained on
               GoEmotions) for English lines and the lexicons for Chinese; "none" uses the lexicons only
  PRED.jsonl   one {"text","emotion","basic","polarity","intensity"} per test line, in order
`;

async function predict(args: readonly string[]): Promise<number> {
  const parsed = parsePredictArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`tandem emotion: ${parsed}\n${usage}`);
    return 2;
  }
  const texts = await readTestRows(parsed.test);
  let model: ((lang: EmotionLang) => EmotionModel | null) | null = null;
  if (parsed.train === undefined && parsed.model !== 'none') {
    model = shippedEmotionModel;
    const error = shippedModelError();
    if (error !== null)
      process.stderr.write(`tandem emotion: shipped model not loaded (${error}); lexicons only\n`);
  }
  if (parsed.train !== undefined) {
    const { rows, skipped } = await readTrainRows(parsed.train, toBasicEmotion);
    if (rows.length === 0) throw new Error(`${parsed.train}: no labelled rows`);
    const trained = trainEmotionModel(rows);
    model = () => trained;
    const note = skipped > 0 ? ` (${skipped} rows without a single label skipped)` : '';
    process.stderr.write(`tandem emotion: trained on ${rows.length} examples${note}\n`);
  }
  const lines = texts.map((text) => {
    const lang = parsed.lang ?? emotionLanguage(text);
    const result = detectEmotion(text, { model: model?.(lang) ?? null, lang });
    const { emotion, basic, polarity, intensity } = result;
    return JSON.stringify({ text, emotion, basic, polarity, intensity });
  });
  await writeFile(parsed.out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  process.stderr.write(`tandem emotion: wrote ${lines.length} predictions to ${parsed.out}\n`);
  return 0;
}

/** `tandem emotion …`: returns the exit code (0 ok, 1 bad input or failure, 2 bad usage). */
export async function emotionCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === 'help') {
    process.stdout.write(usage);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'predict') {
    process.stderr.write(`tandem emotion: unknown subcommand ${sub}\n${usage}`);
    return 2;
  }
  try {
    return await predict(rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof InputLineError ? 'bad input at ' : '';
    process.stderr.write(`tandem emotion: ${prefix}${message}\n`);
    return 1;
  }
}
