/**
 * Retraining after a small change, measured: `npm run bench:retrain`. The demo shop's knowledge base less a
 * few entries is trained as a workspace's running model; the entries are then added back (as staff add
 * knowledge) and the full knowledge base is trained twice: from scratch, measuring calibration again, and as
 * the server retrains, keeping the running model's calibration and starting from its weights (nlu/retrain.ts).
 * Both are judged on every row of `apps/server/src/demo/knowledge-eval.json` (hand-written paraphrases and
 * off-topic questions, never trained on) by the FAQ matcher's decision, and timed (CPU of this thread).
 * Several draws of the removed entries; the table prints each and their totals.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KnowledgeEntry } from '../src/bot/types.ts';
import type { IntentModel } from '../src/nlu/model.ts';
import { seededRandom, shuffle } from '../src/nlu/random.ts';
import { trainIntentModel } from '../src/nlu/train.ts';
import { FaqEngine } from '../src/retrieval/faqEngine.ts';
import { faqExamples } from '../src/retrieval/faqExamples.ts';

interface EvalRow {
  text: string;
  expected: string | null;
}

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const knowledge = JSON.parse(
  readFileSync(root('apps/server/src/demo/knowledge.json'), 'utf8'),
) as KnowledgeEntry[];
const rows = JSON.parse(readFileSync(root('apps/server/src/demo/knowledge-eval.json'), 'utf8')) as EvalRow[];

function timed(train: () => IntentModel): { model: IntentModel; ms: number } {
  const before = process.cpuUsage();
  const model = train();
  const used = process.cpuUsage(before);
  return { model, ms: (used.user + used.system) / 1000 };
}

interface Score {
  right: number;
  wrong: number;
  /** answerable rows refused or only clarified */
  missed: number;
  /** off-topic rows refused */
  refused: number;
  offTopic: number;
}

function score(entries: KnowledgeEntry[], model: IntentModel): Score {
  const engine = new FaqEngine(entries, model);
  const s: Score = { right: 0, wrong: 0, missed: 0, refused: 0, offTopic: 0 };
  for (const row of rows) {
    const result = engine.search(row.text);
    const answered = result.outcome === 'answer' ? result.candidates[0]?.entryId : undefined;
    if (row.expected === null) {
      s.offTopic++;
      if (result.outcome === 'unknown') s.refused++;
      else if (answered) s.wrong++;
    } else if (answered === row.expected) s.right++;
    else if (answered) s.wrong++;
    else s.missed++;
  }
  return s;
}

const DRAWS = Number(process.env.DRAWS ?? 4);
const REMOVED = [1, 3];
const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const answerable = rows.filter((r) => r.expected !== null).length;
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

console.log(
  `Demo knowledge base: ${knowledge.length} entries; ${rows.length} evaluation rows (${answerable} answerable, ${rows.length - answerable} off-topic).\n`,
);
console.log(
  line([
    'entries added',
    'draw',
    'training',
    'CPU ms',
    'right',
    'wrong',
    'missed',
    'off-topic refused',
    'calibration',
  ]),
);
console.log(line(Array(9).fill('---')));
const totals = new Map<string, { ms: number; s: Score; n: number }>();
for (const removed of REMOVED) {
  for (let draw = 0; draw < DRAWS; draw++) {
    const order = Array.from(knowledge.keys());
    shuffle(order, seededRandom(1000 * removed + draw + 1));
    const gone = new Set(order.slice(0, removed));
    const before = knowledge.filter((_, i) => !gone.has(i));
    const running = trainIntentModel(faqExamples(before), {});
    const full = timed(() => trainIntentModel(faqExamples(knowledge), {}));
    const kept = timed(() => trainIntentModel(faqExamples(knowledge), {}, running.snapshot));
    for (const [name, run] of [
      ['from scratch', full],
      ['keeping calibration', kept],
    ] as const) {
      const s = score(knowledge, run.model);
      const key = `${removed} ${name}`;
      const t = totals.get(key) ?? {
        ms: 0,
        s: { right: 0, wrong: 0, missed: 0, refused: 0, offTopic: 0 },
        n: 0,
      };
      t.ms += run.ms;
      t.n++;
      for (const k of Object.keys(s) as (keyof Score)[]) t.s[k] += s[k];
      totals.set(key, t);
      const kept = run.model.snapshot.report.calibrationKept;
      console.log(
        line([
          removed,
          draw + 1,
          name,
          run.ms.toFixed(0),
          pct(s.right, answerable),
          pct(s.wrong, rows.length),
          pct(s.missed, answerable),
          pct(s.refused, s.offTopic),
          kept ? `kept (${kept.changedExamples} examples changed)` : 'measured',
        ]),
      );
    }
  }
}
console.log(`\nTotals over ${DRAWS} draws:\n`);
console.log(
  line(['entries added', 'training', 'mean CPU ms', 'right', 'wrong', 'missed', 'off-topic refused']),
);
console.log(line(Array(7).fill('---')));
for (const [key, t] of totals) {
  const [removed, ...name] = key.split(' ');
  console.log(
    line([
      removed ?? '',
      name.join(' '),
      (t.ms / t.n).toFixed(0),
      pct(t.s.right, answerable * t.n),
      pct(t.s.wrong, rows.length * t.n),
      pct(t.s.missed, answerable * t.n),
      pct(t.s.refused, t.s.offTopic),
    ]),
  );
}
