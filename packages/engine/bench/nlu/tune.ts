/**
 * Hyper-parameter selection on training data only: each task's benchmark training rows (Banking77: the
 * first cross-validation fold's training part) are split 80/20, stratified, with a seed of their own, and
 * Tandem is trained on the 80% and scored on the 20%. Validation data is never read here.
 *
 *   npx tsx packages/engine/bench/nlu/tune.ts clinc150 '{"features":{"latinGrams":[2,5]}}'
 */
import { predictedLabel, trainIntentModel } from '../../src/index.ts';
import { holdoutMask } from '../../src/nlu/split.ts';
import type { IntentTrainOptions } from '../../src/nlu/train.ts';
import { TASKS, type TaskName } from './datasets.ts';

const [taskName, json] = process.argv.slice(2) as [TaskName, string | undefined];
const task = TASKS[taskName];
if (!task) throw new Error(`unknown task ${taskName}`);
const options = JSON.parse(json ?? '{}') as IntentTrainOptions;
const rows = task.splits()[0]!.train;
const mask = holdoutMask(
  rows.map((r) => r.intent),
  0.2,
  20261124,
);
const train = rows.filter((_, i) => !mask[i]);
const dev = rows.filter((_, i) => mask[i]);
const cpu = process.cpuUsage();
const model = trainIntentModel(train, { lang: task.lang, ...options });
const used = process.cpuUsage(cpu);
let inScope = 0;
let right = 0;
let top1 = 0;
let oos = 0;
let oosRefused = 0;
const predictCpu = process.cpuUsage();
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
const predictUsed = process.cpuUsage(predictCpu);
const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;
process.stdout.write(
  `${taskName} ${json ?? '{}'}: in-scope ${pct(right / inScope)} best-intent ${pct(top1 / inScope)}` +
    (oos > 0 ? ` oos-recall ${pct(oosRefused / oos)} (${oos})` : '') +
    ` train-cpu ${((used.user + used.system) / 1e6).toFixed(1)} s` +
    ` pred/cpu-s ${Math.round(dev.length / ((predictUsed.user + predictUsed.system) / 1e6))}\n`,
);
