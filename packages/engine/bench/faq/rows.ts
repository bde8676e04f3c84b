/**
 * Per-row scores of the FAQ engine on a question file, for finding why a question is not answered right:
 * `npx tsx packages/engine/bench/faq/rows.ts [rows.json] [--all]`. For each in-scope row (every row with
 * `--all`, off-topic ones too): the matcher's decision, and the top three candidates with their fused score,
 * classifier probability, lexical similarity and answer coverage, plus the classifier's out-of-scope signals.
 * Meant for development data; on the held-out set it only explains, it must not be used to choose settings.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engineMatcher } from '../../src/bot/engineMatcher.ts';
import { matcherTraining } from '../../src/dialog/matcherEntries.ts';
import { loadWorkspace } from '../../src/dialog/transcripts/loadWorkspace.ts';
import { trainFaqEngine } from '../../src/retrieval/faqEngine.ts';

interface Row {
  text: string;
  lang: string;
  expected: string | null;
}

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const args = process.argv.slice(2);
const all = args.includes('--all');
const [file = 'apps/server/src/demo/knowledge-dev.json'] = args.filter((a) => !a.startsWith('--'));
const rows = JSON.parse(readFileSync(root(file), 'utf8')) as Row[];
const { brain } = loadWorkspace(root('apps/server/src/demo/transcripts/workspace.yml'));
const training = matcherTraining(brain);
const engine = trainFaqEngine(training.entries, training.options);
const matcher = engineMatcher(engine);
const f = (n: number) => n.toFixed(2);

for (const row of rows) {
  if (row.expected === null && !all) continue;
  const m = matcher.match(row.text);
  const r = engine.search(row.text, 5);
  const decided =
    m.outcome === 'answer' ? (m.candidates[0]?.entryId === row.expected ? 'RIGHT' : 'WRONG') : m.outcome;
  const rank = r.candidates.findIndex((c) => c.entryId === row.expected);
  const cands = r.candidates
    .slice(0, 3)
    .map(
      (c) =>
        `${c.entryId === row.expected ? '*' : ''}${c.entryId} s${f(c.score)} c${f(c.classifier)} l${f(c.lexical)} a${f(c.answer)}`,
    )
    .join(' | ');
  const s = r.prediction.signals;
  console.log(
    `${decided}\t${r.outcome}\trank${rank}\t${row.expected ?? 'off'}\toos${f(s.oos)} unk${f(s.unknown)} sim${f(s.similarity)} pred:${r.prediction.outcome}\t${row.text}\n\t${cands}`,
  );
}
