/**
 * What embeddings add to the bot: `npm run bench:retrieval:embeddings`. Every row of the demo shop's held-out
 * paraphrases (`apps/server/src/demo/knowledge-eval.json`) is a first message to the demo bot, once with the
 * classical engine alone and once with the message's embedding as extra evidence (`TurnInput.semantic`, as
 * the server passes it: the bot's phrasings in a `SemanticIndex` calibrated on the classifier's held-out
 * predictions, `fusePrediction` in intent and FAQ matching and out-of-scope detection).
 *
 * Embeddings come from a loopback OpenAI-compatible provider started here, in batches of 64:
 * - `hashed`: `hashedEmbedding`, lexical only (a weak encoder);
 * - `concept-<s>`: `conceptEmbedding`, a stand-in for a pretrained encoder of strength s: each phrasing near its
 *   entry's direction, each test question near the entry it expects (off-topic ones near a direction of their
 *   own). It knows the answers by construction: it measures how much the bot gains from such an encoder.
 * A real provider instead: `-- --base-url https://dashscope.aliyuncs.com/compatible-mode/v1 --model
 * text-embedding-v3` with the key in LLM_BENCH_KEY (the test questions are then sent to it).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../src/bot/types.ts';
import { createConversationEngine } from '../src/dialog/conversationEngine.ts';
import { loadWorkspace } from '../src/dialog/transcripts/loadWorkspace.ts';
import { SemanticIndex } from '../src/nlu/semanticIndex.ts';
import { conceptEmbedding, hashedEmbedding } from '../src/retrieval/documents/vectorMatch.ts';
import { embedAll, startLoopbackProvider } from './embeddings/loopback.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const realBase = arg('base-url');
const realModel = arg('model');
const encoders =
  realBase && realModel ? [realModel] : (arg('encoders') ?? 'hashed,concept-0.4,concept-0.6').split(',');

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
const training = engine.semanticTraining();
const meaning = new Map<string, string>(training.phrasings.map((p) => [p.text, p.key]));
for (const r of rows) meaning.set(r.text, r.expected ?? `off-topic:${r.text}`);
const provider =
  realBase && realModel
    ? null
    : await startLoopbackProvider((model, text) =>
        model === 'hashed'
          ? hashedEmbedding(text)
          : conceptEmbedding(text, meaning.get(text) ?? null, Number(model.replace('concept-', ''))),
      );
const baseUrl = realBase ?? (provider?.baseUrl as string);
const apiKey = process.env.LLM_BENCH_KEY;

interface Tally {
  right: number;
  wrong: number;
  declined: number;
}
const inScope = rows.filter((r) => r.expected).length;
const offTopic = rows.length - inScope;
async function run(semanticOf: ((i: number) => ReturnType<SemanticIndex['query']>) | null): Promise<Tally> {
  const tally: Tally = { right: 0, wrong: 0, declined: 0 };
  for (const [i, row] of rows.entries()) {
    const semantic = semanticOf?.(i);
    const out = await engine.turn(null, {
      text: row.text,
      attributes: {},
      now: new Date(),
      lang: row.lang,
      ...(semantic ? { semantic } : {}),
    });
    const answered = out.kind === 'answer' || out.kind === 'flow' ? out.intent : null;
    if (!row.expected && !answered) tally.declined++;
    if (answered && answered === row.expected) tally.right++;
    else if (answered && !answered.startsWith('flow:')) tally.wrong++;
  }
  return tally;
}
const pct = (n: number, of: number) => `${n} (${((100 * n) / Math.max(1, of)).toFixed(1)}%)`;
const line = (name: string, t: Tally) =>
  `| ${name} | ${pct(t.right, inScope)} | ${pct(t.wrong, rows.length)} | ${pct(t.declined, offTopic)} |`;
const out: string[] = [line('classical engine alone', await run(null))];
for (const encoder of encoders) {
  const vectors = await embedAll(
    baseUrl,
    encoder,
    training.phrasings.map((p) => p.text),
    apiKey ? { apiKey } : {},
  );
  const index = SemanticIndex.buildNow(
    training.phrasings.map((p, i) => ({ key: p.key, text: p.text, vector: vectors[i] as number[] })),
    training.heldOut ? { heldOut: training.heldOut } : {},
  );
  const questions = await embedAll(
    baseUrl,
    encoder,
    rows.map((r) => r.text),
    apiKey ? { apiKey } : {},
  );
  const c = index.calibration;
  out.push(
    `${line(`+ embeddings: ${encoder}`, await run((i) => index.query(questions[i] as number[])))} (nearest-phrasing accuracy ${c.accuracy.toFixed(2)}, exponent ${c.exponent}, out<${c.outOfScopeBelow.toFixed(2)}, in≥${c.inScopeFrom.toFixed(2)}, held-out ${c.heldOut ? `${c.heldOut.classifierAccuracy.toFixed(2)}→${c.heldOut.fusedAccuracy.toFixed(2)}` : '—'})`,
  );
}
await provider?.close();
console.log(
  `${rows.length} rows of knowledge-eval.json (${inScope} in scope, ${offTopic} off-topic), first messages to the demo bot`,
);
console.log('| bot | in-scope answered right | wrong answers (all rows) | off-topic declined |');
console.log('|---|---:|---:|---:|');
console.log(out.join('\n'));
