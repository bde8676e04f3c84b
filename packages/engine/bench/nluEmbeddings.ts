/**
 * `npm run bench:nlu:embeddings`: what a provider's embeddings add to intent classification and out-of-scope
 * detection (issue 13, must-have 4), on the small-bot tasks of `bench:nlu` (few examples per intent, no
 * out-of-scope rows in training, out-of-scope rows in the test set).
 *
 * For each task the classical model is trained once; every training phrasing and test question is then
 * embedded through an OpenAI-compatible `/embeddings` endpoint in batches of 64 — by default a loopback
 * provider started here that serves deterministic embeddings made for the measurement
 * (`embeddings/loopback.ts`: `hashed`, a weak lexical encoder, and `simulated-<s>`, stand-ins for pretrained
 * encoders of known strength). Side by side in the same run: the classical engine alone, the embeddings alone
 * (closest phrasing, with the index's calibrated out-of-scope point), and the two fused as the bot does
 * (`fusePrediction`). Nothing is tuned on the test rows: the index calibrates itself on the training phrasings.
 *
 *   npm run bench:nlu:embeddings -- [--tasks clinc150-20,banking77-oos-20,smp2017-oos] [--encoders hashed,simulated-0.5]
 *   npm run bench:nlu:embeddings -- --base-url https://dashscope.aliyuncs.com/compatible-mode/v1 --model text-embedding-v3
 *     (a real provider: the key in LLM_BENCH_KEY; test questions are sent to it)
 */

import { type IntentModel, trainIntentModel } from '../src/index.ts';
import { fusePrediction } from '../src/nlu/semanticFusion.ts';
import { SemanticIndex } from '../src/nlu/semanticIndex.ts';
import { hashedEmbedding } from '../src/retrieval/documents/vectorMatch.ts';
import { embedAll, simulatedEmbedding, startLoopbackProvider } from './embeddings/loopback.ts';
import { TASKS, type TaskName } from './nlu/datasets.ts';

const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const tasks = option('tasks', 'clinc150-20,banking77-oos-20,smp2017-oos').split(',') as TaskName[];
const realBase = option('base-url', '');
const realModel = option('model', '');
const encoders = realBase ? [realModel] : option('encoders', 'hashed,simulated-0.4,simulated-0.6').split(',');

interface Counts {
  inScope: number;
  right: number;
  oos: number;
  oosRefused: number;
  refusals: number;
}
const empty = (): Counts => ({ inScope: 0, right: 0, oos: 0, oosRefused: 0, refusals: 0 });
function count(c: Counts, expected: string, label: string) {
  if (label === 'oos') c.refusals++;
  if (expected === 'oos') {
    c.oos++;
    if (label === 'oos') c.oosRefused++;
  } else {
    c.inScope++;
    if (label === expected) c.right++;
  }
}
const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
const line = (c: Counts) =>
  `${pct(c.right, c.inScope)} | ${pct(c.oosRefused, c.oos)} | ${pct(c.oosRefused, c.refusals)}`;

// one loopback provider for the whole run; it embeds with the current task's intents
let intentOf = new Map<string, string>();
let taught: string[] = [];
const provider = realBase
  ? null
  : await startLoopbackProvider((name, text) => {
      if (name === 'hashed') return hashedEmbedding(text);
      const strength = Number(name.replace('simulated-', ''));
      return simulatedEmbedding(text, strength, (t) => intentOf.get(t), taught);
    });
const baseUrl = realBase || (provider?.baseUrl as string);
const rows: string[] = [];
for (const taskName of tasks) {
  const task = TASKS[taskName];
  if (!task) throw new Error(`unknown task ${taskName}`);
  const [split] = task.splits();
  if (!split) continue;
  process.stderr.write(`${taskName}: training the classical model on ${split.train.length} rows…\n`);
  const model: IntentModel = trainIntentModel(split.train, { lang: task.lang });
  const classical = split.test.map((r) => model.predict(r.text));
  intentOf = new Map([...split.train, ...split.test].map((r) => [r.text, r.intent]));
  taught = [...new Set(split.train.map((r) => r.intent))];
  const alone = empty();
  split.test.forEach((r, i) => {
    count(alone, r.intent, classical[i]!.outcome === 'unknown' ? 'oos' : (classical[i]!.intent ?? 'oos'));
  });
  rows.push(`| ${taskName} | classical alone | — | ${line(alone)} | — |`);
  for (const encoder of encoders) {
    const apiKey = process.env.LLM_BENCH_KEY;
    const trainVectors = await embedAll(
      baseUrl,
      encoder,
      split.train.map((r) => r.text),
      apiKey ? { apiKey } : {},
    );
    const testVectors = await embedAll(
      baseUrl,
      encoder,
      split.test.map((r) => r.text),
      apiKey ? { apiKey } : {},
    );
    const started = performance.now();
    const index = SemanticIndex.buildNow(
      split.train.map((r, i) => ({ key: r.intent, vector: trainVectors[i]!, text: r.text })),
      model.snapshot.heldOut ? { heldOut: model.snapshot.heldOut } : {},
    );
    const buildMs = performance.now() - started;
    const embeddings = empty();
    const fused = empty();
    const effects = { veto: 0, rescue: 0, vetoWrong: 0, rescueWrong: 0 };
    split.test.forEach((r, i) => {
      const query = index.query(testVectors[i]!);
      const top = query.top;
      count(
        embeddings,
        r.intent,
        top.similarity < index.calibration.outOfScopeBelow ? 'oos' : (top.key ?? 'oos'),
      );
      const p = fusePrediction(classical[i]!, query, model.snapshot.decision);
      const label = p.outcome === 'unknown' ? 'oos' : (p.intent ?? 'oos');
      count(fused, r.intent, label);
      if (p.semantic?.effect === 'veto') {
        effects.veto++;
        if (r.intent !== 'oos') effects.vetoWrong++;
      }
      if (p.semantic?.effect === 'rescue') {
        effects.rescue++;
        if (label !== r.intent) effects.rescueWrong++;
      }
    });
    const c = index.calibration;
    const cal = `acc ${c.accuracy.toFixed(2)}, exp ${c.exponent.toFixed(2)}${c.heldOut ? ` (held-out ${c.heldOut.samples}: ${c.heldOut.classifierAccuracy.toFixed(2)}→${c.heldOut.fusedAccuracy.toFixed(2)})` : ''}, T ${c.temperature.toFixed(2)}, out<${c.outOfScopeBelow.toFixed(2)}, in≥${c.inScopeFrom.toFixed(2)}; ${buildMs.toFixed(0)} ms`;
    rows.push(`| ${taskName} | ${encoder}: embeddings alone | ${cal} | ${line(embeddings)} | — |`);
    rows.push(
      `| ${taskName} | ${encoder}: **fused** | | ${line(fused)} | vetoes ${effects.veto} (${effects.vetoWrong} in scope), rescues ${effects.rescue} (${effects.rescueWrong} wrong) |`,
    );
  }
}
await provider?.close();
process.stdout.write(
  `| task | system | index calibration (train only); build time | in-scope accuracy | oos recall | oos precision | embeddings' effect |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
