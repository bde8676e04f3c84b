/**
 * Chooses the FAQ engine's settings on development data (never the test set):
 * `npx tsx packages/engine/bench/faq/tune.ts [rows.json] ['{"answerAt":0.45}' ...]`. Trains the demo
 * workspace's matcher once, then scores each fusion setting given (or the defaults) the way the bot decides
 * (`engineMatcher`: the did-you-mean rule and the other-company check included): top-1 accuracy; right /
 * offered / unsure / wrong; the did-you-mean lists shown and how many hold the right entry; and for
 * off-topic questions declined / offered / wrong.
 *
 * With `--curve`, the settings given are not scored one by one: every answer point (`answerAt`) and lead
 * (`margin`) of a grid is, on top of the first setting given, and the best trade-offs between answering right
 * and answering wrong are printed (no other grid point answers more right questions for as few wrong ones):
 * where the answer threshold can be put, and what each point costs.
 *
 * Environment: TRAIN (training options, JSON), SUGGEST (a did-you-mean rule to try instead of
 * SUGGESTION_RULE, JSON). Besides the rows' own off-topic questions, off-topic traffic from the shared
 * datasets beside the checkout is scored when present: CLINC150 val's out-of-scope rows (English) and
 * SMP2017 val (Chinese assistant queries: weather, music, trains — none of them a shop's business).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engineMatcher } from '../../src/bot/engineMatcher.ts';
import { SUGGESTION_RULE, type SuggestionRule } from '../../src/bot/suggestions.ts';
import { matcherTraining } from '../../src/dialog/matcherEntries.ts';
import { loadWorkspace } from '../../src/dialog/transcripts/loadWorkspace.ts';
import {
  FaqEngine,
  type FaqEngineOptions,
  type FaqFusionOptions,
  trainFaqEngine,
} from '../../src/retrieval/faqEngine.ts';
import { DATASETS } from '../nlu/datasets.ts';

interface Row {
  text: string;
  lang: string;
  expected: string | null;
}

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const curve = process.argv.includes('--curve');
const [file = 'apps/server/src/demo/knowledge-dev.json', ...settings] = process.argv
  .slice(2)
  .filter((a) => a !== '--curve');
const rows = JSON.parse(readFileSync(root(file), 'utf8')) as Row[];
const { brain } = loadWorkspace(root('apps/server/src/demo/transcripts/workspace.yml'));
const training = matcherTraining(brain);
const { entries } = training;
const trained = trainFaqEngine(entries, {
  ...training.options,
  ...(JSON.parse(process.env.TRAIN ?? '{}') as FaqEngineOptions),
});
const rule: SuggestionRule = { ...SUGGESTION_RULE, ...(JSON.parse(process.env.SUGGEST ?? '{}') as object) };

/** Off-topic development traffic from the shared datasets (absent: not scored). */
function offTopic(path: string, keep: (row: { intent?: string }) => boolean): string[] {
  const full = `${DATASETS}${path}`;
  if (!existsSync(full)) return [];
  return readFileSync(full, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text: string; intent?: string })
    .filter(keep)
    .map((row) => row.text);
}
const traffic = {
  'clinc150 val oos': offTopic('clinc150/val.jsonl', (row) => row.intent === 'oos'),
  'smp2017 val': offTopic('smp2017/val.jsonl', () => true),
};

// a flow that shares a phrasing with an entry does that entry's job
const sameJob = new Map<string, Set<string>>();
for (const flow of entries.filter((e) => e.id.startsWith('flow:'))) {
  for (const entry of brain.knowledge) {
    const key = (q: string) => q.toLowerCase();
    const triggers = new Set([...(flow.questions.zh ?? []), ...(flow.questions.en ?? [])].map(key));
    if ([...(entry.questions.zh ?? []), ...(entry.questions.en ?? [])].some((q) => triggers.has(key(q)))) {
      sameJob.set(entry.id, (sameJob.get(entry.id) ?? new Set()).add(flow.id));
    }
  }
}
const isRight = (id: string | undefined, expected: string) =>
  id === expected || (id !== undefined && (sameJob.get(expected)?.has(id) ?? false));
const p = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

/** Right and wrong answers to answerable rows, and answers to off-topic rows, of a matcher. */
function answers(matcher: ReturnType<typeof engineMatcher>) {
  const c = { right: 0, wrong: 0, offTopic: 0 };
  for (const row of rows) {
    const m = matcher.match(row.text);
    if (m.outcome !== 'answer') continue;
    if (row.expected === null) c.offTopic++;
    else if (isRight(m.candidates[0]?.entryId, row.expected)) c.right++;
    else c.wrong++;
  }
  return c;
}

if (curve) {
  const base = JSON.parse(settings[0] ?? '{}') as FaqFusionOptions;
  const inScope = rows.filter((r) => r.expected !== null).length;
  const points: Array<{ answerAt: number; margin: number; right: number; wrong: number; offTopic: number }> =
    [];
  for (let answerAt = 0.22; answerAt <= 0.62; answerAt += 0.04) {
    for (const margin of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3]) {
      const engine = new FaqEngine(trained.entries, trained.model, { ...base, answerAt, margin });
      points.push({ answerAt, margin, ...answers(engineMatcher(engine, undefined, rule)) });
    }
  }
  points.sort((a, b) => a.wrong - b.wrong || b.right - a.right);
  let best = -1;
  console.log(
    `${file}: answerable ${inScope}; best trade-offs (answerAt, margin: right, wrong, off-topic answered)`,
  );
  for (const x of points) {
    if (x.right <= best) continue;
    best = x.right;
    console.log(
      `  ${x.answerAt.toFixed(2)}, ${x.margin.toFixed(2)}: right ${p(x.right, inScope)} wrong ${p(x.wrong, inScope)} off-topic ${x.offTopic}`,
    );
  }
}

for (const json of curve ? [] : settings.length > 0 ? settings : ['{}']) {
  const options = JSON.parse(json) as FaqFusionOptions;
  const engine = new FaqEngine(trained.entries, trained.model, options);
  const matcher = engineMatcher(engine, undefined, rule);
  const c = { top1: 0, right: 0, offered: 0, unsure: 0, wrong: 0, lists: 0 };
  const oos = { declined: 0, offered: 0, wrong: 0 };
  let inScope = 0;
  for (const row of rows) {
    const m = matcher.match(row.text);
    if (row.expected === null) {
      oos[m.outcome === 'answer' ? 'wrong' : m.outcome === 'clarify' ? 'offered' : 'declined']++;
      continue;
    }
    inScope++;
    const top = engine.search(row.text).candidates[0]?.entryId;
    if (isRight(top, row.expected)) c.top1++;
    if (m.outcome === 'clarify') c.lists++;
    if (m.outcome === 'answer') isRight(m.candidates[0]?.entryId, row.expected) ? c.right++ : c.wrong++;
    else if (m.outcome === 'clarify' && m.candidates.some((x) => isRight(x.entryId, row.expected!)))
      c.offered++;
    else c.unsure++;
  }
  const others = Object.entries(traffic)
    .filter(([, texts]) => texts.length > 0)
    .map(([name, texts]) => {
      const outcomes = texts.map((t) => matcher.match(t).outcome);
      const count = (o: string) => outcomes.filter((x) => x === o).length;
      return `${name}: declined ${p(count('unknown'), texts.length)} offered ${p(count('clarify'), texts.length)} answered ${p(count('answer'), texts.length)}`;
    });
  const n = rows.length - inScope;
  console.log(
    [
      `${json} ${JSON.stringify(rule)}`,
      `  answerable: top1 ${p(c.top1, inScope)} right ${p(c.right, inScope)} offered ${p(c.offered, inScope)} unsure ${p(c.unsure, inScope)} wrong ${p(c.wrong, inScope)}; lists ${c.lists}, with the right entry ${p(c.offered, c.lists)}`,
      `  off-topic rows: declined ${p(oos.declined, n)} offered ${p(oos.offered, n)} wrong ${p(oos.wrong, n)}`,
      ...others.map((line) => `  ${line}`),
    ].join('\n'),
  );
}
