/**
 * Chooses the FAQ engine's fusion settings on the development set (never the test set):
 * `npx tsx packages/engine/bench/faq/tune.ts [rows.json] ['{"answerAt":0.45}' ...]` (training options, if
 * any, in the TRAIN environment variable as JSON). Trains the demo
 * workspace's matcher once, then scores each setting given (or the defaults) on the rows: top-1 accuracy,
 * and what the engine decides (right / offered / unsure / wrong; off-topic declined / offered / wrong).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matcherTraining } from '../../src/dialog/matcherEntries.ts';
import { loadWorkspace } from '../../src/dialog/transcripts/loadWorkspace.ts';
import {
  FaqEngine,
  type FaqEngineOptions,
  type FaqFusionOptions,
  trainFaqEngine,
} from '../../src/retrieval/faqEngine.ts';

interface Row {
  text: string;
  lang: string;
  expected: string | null;
}

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const [file = 'apps/server/src/demo/knowledge-dev.json', ...settings] = process.argv.slice(2);
const rows = JSON.parse(readFileSync(root(file), 'utf8')) as Row[];
const { brain } = loadWorkspace(root('apps/server/src/demo/transcripts/workspace.yml'));
const training = matcherTraining(brain);
const { entries } = training;
const trained = trainFaqEngine(entries, {
  ...training.options,
  ...(JSON.parse(process.env.TRAIN ?? '{}') as FaqEngineOptions),
});

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

for (const json of settings.length > 0 ? settings : ['{}']) {
  const options = JSON.parse(json) as FaqFusionOptions;
  const engine = new FaqEngine(trained.entries, trained.model, options);
  const c = { top1: 0, right: 0, offered: 0, unsure: 0, wrong: 0, declined: 0, oosOffered: 0, oosWrong: 0 };
  let inScope = 0;
  for (const row of rows) {
    const r = engine.search(row.text);
    const top = r.candidates[0]?.entryId;
    if (row.expected === null) {
      if (r.outcome === 'answer') c.oosWrong++;
      else if (r.outcome === 'clarify') c.oosOffered++;
      else c.declined++;
      continue;
    }
    inScope++;
    if (isRight(top, row.expected)) c.top1++;
    if (r.outcome === 'answer') isRight(top, row.expected) ? c.right++ : c.wrong++;
    else if (
      r.outcome === 'clarify' &&
      r.candidates.slice(0, 3).some((x) => isRight(x.entryId, row.expected!))
    )
      c.offered++;
    else c.unsure++;
  }
  const oos = rows.length - inScope;
  const p = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  console.log(
    `${json}\ttop1 ${p(c.top1, inScope)}\tright ${p(c.right, inScope)}\toffered ${p(c.offered, inScope)}\tunsure ${p(c.unsure, inScope)}\twrong ${p(c.wrong, inScope)}\t| oos declined ${p(c.declined, oos)} offered ${p(c.oosOffered, oos)} wrong ${p(c.oosWrong, oos)}`,
  );
}
