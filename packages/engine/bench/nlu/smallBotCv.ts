/**
 * Chooses the small-bot out-of-scope prior (`unknownIntentShare`) on training data only:
 *
 *   npx tsx packages/engine/bench/nlu/smallBotCv.ts banking77-oos [shares=0.05,0.1,0.2,0.3] [folds=3]
 *
 * The task's training rows (no out-of-scope rows: a small bot has none) are split by intent into `folds`
 * groups. For each group, its intents are hidden completely and play the questions the bot was never
 * taught; a stratified fifth of the other intents' rows plays the answerable questions; Tandem is trained
 * on the rest with each prior and scored like `npm run bench:nlu` (in-scope accuracy with refusals counted
 * wrong, out-of-scope recall). Validation data is never read.
 */
import { predictedLabel, trainIntentModel } from '../../src/index.ts';
import { seededRandom, shuffle } from '../../src/nlu/random.ts';
import { holdoutMask } from '../../src/nlu/split.ts';
import { type Row, TASKS, type TaskName } from './datasets.ts';

const [taskName = 'banking77-oos', sharesArg = '0.05,0.1,0.2,0.3', foldsArg = '3'] = process.argv.slice(2);
const task = TASKS[taskName as TaskName];
if (!task) throw new Error(`unknown task ${taskName}`);
const shares = sharesArg.split(',').map(Number);
const folds = Number(foldsArg);
const rows: Row[] = task.splits()[0]!.train.filter((r) => r.intent !== 'oos');
const intents = shuffle([...new Set(rows.map((r) => r.intent))].sort(), seededRandom(20261206));
const groupOf = new Map(intents.map((intent, i) => [intent, i % folds]));

const totals = new Map<number, { right: number; inScope: number; refused: number; oos: number }>();
for (let f = 0; f < folds; f++) {
  const hidden = rows.filter((r) => groupOf.get(r.intent) === f);
  const kept = rows.filter((r) => groupOf.get(r.intent) !== f);
  const mask = holdoutMask(
    kept.map((r) => r.intent),
    0.2,
    20261206 + f,
  );
  const train = kept.filter((_, i) => !mask[i]);
  const test = [...kept.filter((_, i) => mask[i]), ...hidden.map((r) => ({ text: r.text, intent: 'oos' }))];
  for (const share of shares) {
    const model = trainIntentModel(train, { lang: task.lang, unknownIntentShare: share });
    const t = totals.get(share) ?? { right: 0, inScope: 0, refused: 0, oos: 0 };
    for (const row of test) {
      const label = predictedLabel(model.predict(row.text));
      if (row.intent === 'oos') {
        t.oos++;
        if (label === 'oos') t.refused++;
      } else {
        t.inScope++;
        if (label === row.intent) t.right++;
      }
    }
    totals.set(share, t);
    process.stderr.write(`fold ${f + 1}/${folds}, share ${share} done\n`);
  }
}
process.stdout.write(
  `| unknownIntentShare | train-CV in-scope accuracy | train-CV OOS recall |\n|---|---|---|\n`,
);
for (const [share, t] of totals) {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  process.stdout.write(
    `| ${share} | ${pct(t.right / t.inScope)} | ${pct(t.refused / t.oos)} (${t.oos} rows) |\n`,
  );
}
