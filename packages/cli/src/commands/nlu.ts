import { writeFile } from 'node:fs/promises';
import {
  crossValidate,
  evaluateModel,
  type IntentModel,
  NluError,
  OOS_INTENT,
  predictedLabel,
  trainIntentModel,
} from '@tandem/engine';
import { type NluArgs, parseNluArgs } from '../nlu/args.ts';
import { InputLineError, type IntentRow, readIntentRows, readTextRows } from '../nlu/jsonl.ts';
import { formatEvaluation } from '../nlu/report.ts';

const usage = `usage: tandem nlu <command>

  predict --train TRAIN.jsonl --test TEST.jsonl --out PRED.jsonl [--lang auto|zh|en]
      trains on TRAIN rows {"text","intent"} ("oos" = out of scope), writes one
      {"text","intent","confidence"} per TEST row, in order; intent "oos" where the bot would not answer
  eval    --train TRAIN.jsonl --test TEST.jsonl [--lang auto|zh|en] [--json]
      the same, then prints in-scope accuracy, out-of-scope recall and precision, macro-F1
  cv      --train TRAIN.jsonl [--folds 5] [--lang auto|zh|en] [--json]
      k-fold cross-validation on TRAIN: per-intent precision/recall, confusions, suggested threshold

  --lang  language(s) of the generated off-topic examples the model also learns from (auto: as in TRAIN)
`;

function train(rows: IntentRow[], args: NluArgs): { model: IntentModel; trainMs: number } {
  const started = performance.now();
  const model = trainIntentModel(rows, { lang: args.lang });
  const trainMs = Math.round(performance.now() - started);
  for (const warning of model.report.warnings) process.stderr.write(`tandem nlu: ${warning}\n`);
  return { model, trainMs };
}

async function predict(args: NluArgs): Promise<number> {
  if (!args.train || !args.test || !args.out) return usageError('predict needs --train, --test and --out');
  const trainRows = await readIntentRows(args.train);
  const testRows = await readTextRows(args.test);
  const { model, trainMs } = train(trainRows, args);
  const started = performance.now();
  const lines = testRows.map(({ text }) => {
    const p = model.predict(text);
    const intent = predictedLabel(p);
    const confidence = intent === OOS_INTENT ? p.oosScore : p.confidence;
    return JSON.stringify({ text, intent, confidence: Number(confidence.toFixed(4)) });
  });
  const predictMs = Math.round(performance.now() - started);
  await writeFile(args.out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  process.stderr.write(
    `${JSON.stringify({ train_ms: trainMs, predict_ms: predictMs, n: testRows.length })}\n`,
  );
  return 0;
}

async function evaluate(args: NluArgs): Promise<number> {
  if (!args.train || !args.test) return usageError('eval needs --train and --test');
  const trainRows = await readIntentRows(args.train);
  const testRows = await readIntentRows(args.test);
  const { model, trainMs } = train(trainRows, args);
  const started = performance.now();
  const evaluation = evaluateModel(model, testRows);
  const predictMs = Math.round(performance.now() - started);
  const { metrics, threshold } = evaluation;
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ metrics, threshold, train_ms: trainMs, predict_ms: predictMs })}\n`,
    );
  } else {
    process.stdout.write(formatEvaluation(metrics, threshold));
  }
  process.stderr.write(
    `${JSON.stringify({ train_ms: trainMs, predict_ms: predictMs, n: testRows.length })}\n`,
  );
  return 0;
}

async function cv(args: NluArgs): Promise<number> {
  if (!args.train) return usageError('cv needs --train');
  const rows = await readIntentRows(args.train);
  const result = crossValidate(rows, { folds: args.folds ?? 5, lang: args.lang });
  if (args.json) {
    const { metrics, threshold, folds, trainMs } = result;
    process.stdout.write(`${JSON.stringify({ folds, metrics, threshold, train_ms: trainMs })}\n`);
  } else {
    process.stdout.write(`${result.folds}-fold cross-validation on ${rows.length} rows\n`);
    process.stdout.write(formatEvaluation(result.metrics, result.threshold));
  }
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`tandem nlu: ${message}\n${usage}`);
  return 2;
}

/** `tandem nlu …`: returns the exit code (0 ok, 1 bad input or failure, 2 bad usage). */
export async function nluCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === 'help') {
    process.stdout.write(usage);
    return sub === undefined ? 2 : 0;
  }
  const parsed = parseNluArgs(rest);
  if (typeof parsed === 'string') return usageError(parsed);
  try {
    if (sub === 'predict') return await predict(parsed);
    if (sub === 'eval') return await evaluate(parsed);
    if (sub === 'cv') return await cv(parsed);
    return usageError(`unknown command ${sub}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix =
      error instanceof InputLineError ? 'bad input at ' : error instanceof NluError ? 'cannot train: ' : '';
    process.stderr.write(`tandem nlu: ${prefix}${message}\n`);
    return 1;
  }
}
