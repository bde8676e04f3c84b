/**
 * Hyper-parameter selection on training data only: each task's benchmark training rows (Banking77: the
 * first cross-validation fold's training part) are split 80/20, stratified, with a seed of their own, and
 * Tandem is trained on the 80% and scored on the 20%; with `--folds k`, k-fold cross-validation over the
 * same rows instead (every row scored once). Validation data is never read here.
 *
 *   npx tsx packages/engine/bench/nlu/tune.ts clinc150 '{"features":{"latinGrams":[2,5]}}' [--folds 5]
 */
import { predictedLabel, trainIntentModel } from '../../src/index.ts';
import { holdoutMask, stratifiedFolds } from '../../src/nlu/split.ts';
import type { IntentTrainOptions } from '../../src/nlu/train.ts';
import { TASKS, type TaskName } from './datasets.ts';

const [taskName, json] = process.argv.slice(2) as [TaskName, string | undefined];
const task = TASKS[taskName];
if (!task) throw new Error(`unknown task ${taskName}`);
const options = JSON.parse(json ?? '{}') as IntentTrainOptions;
const foldsAt = process.argv.indexOf('--folds');
const k = foldsAt >= 0 ? Number(process.argv[foldsAt + 1]) : 1;
const rows = task.splits()[0]!.train;
const labels = rows.map((r) => r.intent);
const SEED = 20261124;
const fold = k > 1 ? stratifiedFolds(labels, k, SEED) : holdoutMask(labels, 0.2, SEED);
let inScope = 0;
let right = 0;
let top1 = 0;
let oos = 0;
let oosRefused = 0;
let trainCpu = 0;
let predictCpu = 0;
let predictions = 0;
for (let f = 0; f < Math.max(1, k); f++) {
  const isDev = (i: number): boolean => (k > 1 ? fold[i] === f : fold[i] === 1);
  const train = rows.filter((_, i) => !isDev(i));
  const dev = rows.filter((_, i) => isDev(i));
  const cpu = process.cpuUsage();
  const model = trainIntentModel(train, { lang: task.lang, ...options });
  const used = process.cpuUsage(cpu);
  trainCpu += (used.user + used.system) / 1e6;
  const started = process.cpuUsage();
  for (const row of dev) {
    const p = model.predict(row.text);
    const label = predictedLabel(p);
    if (row.intent === 'oos') {
      oos++;
      if (label === 'oos') oosRefused++;
      continue;
    }
    inScope++;
    if (label === row.intent) right++;
    if (p.intent === row.intent) top1++;
  }
  const predictUsed = process.cpuUsage(started);
  predictCpu += (predictUsed.user + predictUsed.system) / 1e6;
  predictions += dev.length;
}
const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;
process.stdout.write(
  `${taskName} ${json ?? '{}'}${k > 1 ? ` ${k}-fold` : ''}: in-scope ${pct(right / inScope)} best-intent ${pct(top1 / inScope)}` +
    (oos > 0 ? ` oos-recall ${pct(oosRefused / oos)} (${oos})` : '') +
    ` train-cpu ${(trainCpu / Math.max(1, k)).toFixed(1)} s` +
    ` pred/cpu-s ${Math.round(predictions / predictCpu)}\n`,
);
