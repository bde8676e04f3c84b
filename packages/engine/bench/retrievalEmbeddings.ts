/**
 * What embeddings add to the bot's FAQ matching: `npm run bench:retrieval:embeddings`. Every row of the demo
 * shop's held-out paraphrases (`apps/server/src/demo/knowledge-eval.json`) is a first message to the demo
 * bot; where the classical engine does not understand it (or only offers a did-you-mean list), the message's
 * embedding is matched against every phrasing of the knowledge base (`matchByEmbedding`, as the server does).
 *
 * Embeddings come from the deterministic `hashedEmbedding` (no model: the loopback provider's) unless a real
 * provider is named: `-- --base-url https://dashscope.aliyuncs.com/compatible-mode/v1 --model text-embedding-v3`
 * with the key in LLM_BENCH_KEY. `--threshold 0.8` sets the similarity an answer needs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../src/bot/types.ts';
import { createConversationEngine } from '../src/dialog/conversationEngine.ts';
import { loadWorkspace } from '../src/dialog/transcripts/loadWorkspace.ts';
import { hashedEmbedding, matchByEmbedding } from '../src/retrieval/documents/vectorMatch.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const baseUrl = arg('base-url');
const model = arg('model');
const threshold = Number(arg('threshold') ?? 0.8);

async function embed(texts: string[]): Promise<number[][]> {
  if (!baseUrl || !model) return texts.map((t) => hashedEmbedding(t));
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += 10) {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/embeddings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(process.env.LLM_BENCH_KEY ? { authorization: `Bearer ${process.env.LLM_BENCH_KEY}` } : {}),
      },
      body: JSON.stringify({ model, input: texts.slice(i, i + 10) }),
    });
    if (!response.ok) throw new Error(`the provider answered ${response.status}`);
    const body = (await response.json()) as { data: Array<{ index: number; embedding: number[] }> };
    out.push(...body.data.sort((a, b) => a.index - b.index).map((d) => d.embedding));
  }
  return out;
}

const { brain } = loadWorkspace(root('apps/server/src/demo/transcripts/workspace.yml'));
const rows = JSON.parse(readFileSync(root('apps/server/src/demo/knowledge-eval.json'), 'utf8')) as Array<{
  text: string;
  lang: Lang;
  expected: string | null;
}>;
const engine = createConversationEngine(brain, {
  http: async () => {
    throw new Error('the bench does not call business systems');
  },
});
const phrasings = brain.knowledge.flatMap((e) =>
  [...(e.questions.zh ?? []), ...(e.questions.en ?? [])].map((text) => ({ key: e.id, text })),
);
const vectors = await embed(phrasings.map((p) => p.text));
const examples = phrasings.map((p, i) => ({ key: p.key, vector: vectors[i] as number[] }));
const messageVectors = await embed(rows.map((r) => r.text));

const tally = { classical: { right: 0, wrongAnswer: 0 }, hybrid: { right: 0, wrongAnswer: 0 }, rescued: 0 };
let inScope = 0;
let offTopic = 0;
for (const [i, row] of rows.entries()) {
  const out = await engine.turn(null, { text: row.text, attributes: {}, now: new Date(), lang: row.lang });
  if (row.expected) inScope++;
  else offTopic++;
  const classical = out.kind === 'answer' ? out.intent : null;
  const uncertain =
    out.kind === 'unknown' ||
    out.kind === 'clarify' ||
    (out.kind === 'handoff' && out.handover?.reason === 'repeated_miss');
  const match = uncertain
    ? matchByEmbedding(messageVectors[i] as number[], examples, { minSimilarity: threshold, minMargin: 0.03 })
    : null;
  const hybrid = match ? match.key : classical;
  if (match) tally.rescued++;
  for (const [name, answered] of [
    ['classical', classical],
    ['hybrid', hybrid],
  ] as const) {
    if (answered && answered === row.expected) tally[name].right++;
    else if (answered && !answered.startsWith('flow:')) tally[name].wrongAnswer++;
  }
}
const pct = (n: number, of: number) => `${n} (${((100 * n) / Math.max(1, of)).toFixed(1)}%)`;
console.log(
  `embeddings: ${baseUrl && model ? `${model} at ${baseUrl}` : 'deterministic hashedEmbedding (loopback)'}, threshold ${threshold}`,
);
console.log('| bot | in-scope answered right | wrong answers (all rows) |');
console.log('|---|---:|---:|');
console.log(
  `| classical engine alone | ${pct(tally.classical.right, inScope)} | ${pct(tally.classical.wrongAnswer, rows.length)} |`,
);
console.log(
  `| + embeddings | ${pct(tally.hybrid.right, inScope)} | ${pct(tally.hybrid.wrongAnswer, rows.length)} |`,
);
console.log(
  `${rows.length} rows (${inScope} in scope, ${offTopic} off-topic); embeddings decided ${tally.rescued}.`,
);
