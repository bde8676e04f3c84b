/**
 * The JDDC probe on the TUNE half only, row by row, for developing changes without looking at the report
 * half: `npx tsx packages/engine/bench/faq/jddcTune.ts [--all]`. Prints each tune-half session answered
 * wrong or unjudged (with `--all`: every answered one, right ones too) with the scores behind the decision.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConversationEngine } from '../../src/dialog/conversationEngine.ts';
import { loadWorkspace } from '../../src/dialog/transcripts/loadWorkspace.ts';
import type { FaqSearchResult } from '../../src/retrieval/faqEngine.ts';
import { classify, halfOf, type JddcLabels, readJddc, replies } from './jddc.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const f2 = (n: number) => n.toFixed(2);

function scoresLine(search: FaqSearchResult | null): string {
  if (!search) return '\t(not searched)';
  const [top, second] = search.candidates;
  const candidates = search.candidates
    .slice(0, 3)
    .map((c) => `${c.entryId} s${f2(c.score)} c${f2(c.classifier)} l${f2(c.lexical)} a${f2(c.answer)}`)
    .join(' | ');
  const { oos, unknown } = search.prediction.signals;
  const lead = top ? top.score - (second?.score ?? 0) : 0;
  return `\t${search.outcome}${search.topic ? ' (topic)' : ''}; lead ${f2(lead)}; oos ${f2(oos)}, unknown words ${f2(unknown)}; ${candidates}`;
}

async function main(): Promise<void> {
  const all = process.argv.includes('--all');
  const { brain } = loadWorkspace(root('apps/server/src/demo/transcripts/workspace.yml'));
  const engine = createConversationEngine(brain, {
    http: async () => {
      throw new Error('the probe does not call business systems');
    },
  });
  const sessions = (readJddc(root('../shared/datasets/jddc/dialogs.jsonl')) ?? []).filter(
    (s) => halfOf(s.id) === 'tune',
  );
  const labels = (
    JSON.parse(readFileSync(root('packages/engine/bench/faq/jddc-labels.json'), 'utf8')) as {
      labels: JddcLabels;
    }
  ).labels;
  const counts = new Map<string, number>();
  for (const { session, out } of await replies(engine, sessions)) {
    const outcome = classify(out, labels[session.id]);
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    const answered = outcome === 'right' || outcome === 'wrong' || outcome === 'unjudged';
    if (!(outcome === 'wrong' || outcome === 'unjudged' || (all && answered))) continue;
    console.log(
      `${outcome}\t${session.id}\t${out.kind}\t${out.intent ?? '-'}\t${session.first.slice(0, 100)}`,
    );
    const { trace } = await engine.explain({ text: session.first, attributes: {}, now: new Date() });
    console.log(scoresLine(trace.search));
  }
  console.log([...counts].map(([k, v]) => `${k} ${v}`).join(', '));
}

await main();
