/**
 * Retrieval quality without a language model: `npm run bench:retrieval`. On the shared Chinese
 * question-matching sets (BQ corpus val, LCQMC val, AFQMC: 10,000 rows of train, as it has no val), every
 * pair (a, b, same question or not) is scored by BM25 — symmetric, normalised by each side's score against
 * itself, with document frequencies over all sentences of the set — two ways in the same run:
 *
 * - plain BM25: segmented words only (the baseline);
 * - Tandem's passage index terms (`passageTerms`): segmented words + Chinese character bigrams + English
 *   character trigrams, as document knowledge is searched.
 *
 * Reported: AUC (threshold-free) and accuracy at a threshold chosen on the other half of the set (two-fold,
 * even/odd rows). Prints a Markdown table; `-- --write` puts it into docs/benchmarks.md between the
 * retrieval markers. Figures depend on nothing random.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../src/lang/index.ts';
import { passageTerms } from '../src/retrieval/documents/lexical.ts';

interface Pair {
  a: string;
  b: string;
  label: 0 | 1;
}

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const SETS: Array<{ name: string; file: string; limit: number }> = [
  { name: 'BQ corpus (val)', file: '../shared/datasets/bq-corpus/val.jsonl', limit: 10_000 },
  { name: 'LCQMC (val)', file: '../shared/datasets/lcqmc/val.jsonl', limit: 10_000 },
  { name: 'AFQMC (train, first 10,000)', file: '../shared/datasets/afqmc/train.jsonl', limit: 10_000 },
];
const DOCS = 'docs/benchmarks.md';
const BEGIN = '<!-- bench:retrieval:begin -->';
const END = '<!-- bench:retrieval:end -->';

function readPairs(file: string, limit: number): Pair[] {
  const pairs: Pair[] = [];
  for (const line of readFileSync(root(file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { a: string; b: string; label: number | string };
    pairs.push({ a: row.a, b: row.b, label: Number(row.label) === 1 ? 1 : 0 });
    if (pairs.length >= limit) break;
  }
  return pairs;
}

/** Pairwise BM25 with corpus statistics: idf and the average length over every sentence of the set. */
function bm25Scorer(sentences: string[][], k1 = 1.2, b = 0.75) {
  const df = new Map<string, number>();
  let total = 0;
  for (const terms of sentences) {
    total += terms.length;
    for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const n = sentences.length;
  const average = total / Math.max(1, n);
  const idf = (term: string) => {
    const d = df.get(term) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const score = (query: string[], doc: string[]) => {
    const tf = new Map<string, number>();
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
    let s = 0;
    for (const term of new Set(query)) {
      const f = tf.get(term) ?? 0;
      if (f === 0) continue;
      s += (idf(term) * (f * (k1 + 1))) / (f + k1 * (1 - b + (b * doc.length) / average));
    }
    return s;
  };
  /** 0..1: each side's score against the other, over its score against itself, averaged */
  return (x: string[], y: string[]) => {
    const xx = score(x, x) || 1;
    const yy = score(y, y) || 1;
    return (score(x, y) / xx + score(y, x) / yy) / 2;
  };
}

/** Area under the ROC curve: the chance a same-question pair scores above a different-question pair. */
function auc(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i] as number] as const).sort((p, q) => p[0] - q[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (
      j < order.length &&
      (order[j] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]
    )
      j++;
    const rank = (i + j + 1) / 2; // average rank of ties (1-based)
    for (let k = i; k < j; k++) {
      if ((order[k] as readonly [number, number])[1] === 1) {
        rankSum += rank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / Math.max(1, positives * negatives);
}

/** The threshold with the best accuracy on these rows. */
function bestThreshold(scores: number[], labels: number[]): number {
  const candidates = [...new Set(scores)].sort((x, y) => x - y);
  let best = 0;
  let bestAccuracy = -1;
  const step = Math.max(1, Math.floor(candidates.length / 400));
  for (let i = 0; i < candidates.length; i += step) {
    const t = candidates[i] as number;
    const accuracy = accuracyAt(scores, labels, t);
    if (accuracy > bestAccuracy) {
      bestAccuracy = accuracy;
      best = t;
    }
  }
  return best;
}

const accuracyAt = (scores: number[], labels: number[], t: number) =>
  scores.reduce((n, s, i) => n + ((s >= t ? 1 : 0) === labels[i] ? 1 : 0), 0) / Math.max(1, scores.length);

/** Two-fold accuracy: the threshold picked on even rows is tried on odd rows, and the other way round. */
function twoFoldAccuracy(scores: number[], labels: number[]): number {
  const half = (parity: number) => ({
    s: scores.filter((_, i) => i % 2 === parity),
    l: labels.filter((_, i) => i % 2 === parity),
  });
  const even = half(0);
  const odd = half(1);
  const a = accuracyAt(odd.s, odd.l, bestThreshold(even.s, even.l));
  const b = accuracyAt(even.s, even.l, bestThreshold(odd.s, odd.l));
  return (a * odd.s.length + b * even.s.length) / scores.length;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const analyzer = new Analyzer();
const methods: Array<{ name: string; terms: (text: string) => string[] }> = [
  { name: 'plain BM25 (words)', terms: (text) => analyzer.analyze(text).tokens },
  { name: 'Tandem passage index (words + char n-grams)', terms: (text) => passageTerms(analyzer, text) },
];

const lines = [
  '| data set | pairs | same-question share | method | AUC | accuracy (two-fold threshold) |',
  '|---|---:|---:|---|---:|---:|',
];
const started = performance.now();
for (const set of SETS) {
  if (!existsSync(root(set.file))) {
    console.warn(`${set.file} not found: skipped`);
    continue;
  }
  const pairs = readPairs(set.file, set.limit);
  const labels = pairs.map((p) => p.label);
  const positives = labels.filter((l) => l === 1).length / pairs.length;
  for (const method of methods) {
    const a = pairs.map((p) => method.terms(p.a));
    const b = pairs.map((p) => method.terms(p.b));
    const similarity = bm25Scorer([...a, ...b]);
    const scores = pairs.map((_, i) => similarity(a[i] as string[], b[i] as string[]));
    lines.push(
      `| ${set.name} | ${pairs.length.toLocaleString('en')} | ${pct(positives)} | ${method.name} | ${auc(scores, labels).toFixed(3)} | ${pct(twoFoldAccuracy(scores, labels))} |`,
    );
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const table = `${lines.join('\n')}\n\n_${new Date().toISOString().slice(0, 10)}, ${seconds} s on this machine (\`npm run bench:retrieval\`)._`;
console.log(table);
if (process.argv.includes('--write')) {
  const docs = readFileSync(root(DOCS), 'utf8');
  const start = docs.indexOf(BEGIN);
  const end = docs.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOCS} has no ${BEGIN} … ${END} block to fill`);
  writeFileSync(root(DOCS), `${docs.slice(0, start + BEGIN.length)}\n${table}\n${docs.slice(end)}`);
  console.log(`written to ${DOCS}`);
}
