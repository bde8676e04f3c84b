/**
 * `npm run bench:mining`: demand mining's clustering against a plain baseline, in the same run.
 *  1. quality on CLINC150 val (3,000 in-scope utterances, 150 intents; the labels are used only to score);
 *  2. the customer turns of the JDDC dialogs (Chinese, unlabelled): topics found, share left unclustered;
 *  3. time and peak memory for 50,000 questions (Chinese and English), each system in its own process.
 *
 *   npm run bench:mining -- [--size 50000]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clusterAgreement, clusterQuestions } from '../src/mining/index.ts';
import { sphericalKMeans } from './miningBaseline.ts';
import { clincVal, jddcCustomerTurns } from './miningData.ts';

const sizeAt = process.argv.indexOf('--size');
const size = sizeAt >= 0 ? Number(process.argv[sizeAt + 1]) : 50_000;
const f3 = (x: number): string => x.toFixed(3);
const timed = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  const result = run();
  return [result, (performance.now() - started) / 1000];
};

const clinc = clincVal();
const [tandem, tandemSeconds] = timed(() => clusterQuestions(clinc.texts, { minClusterSize: 1 }));
const [baseline, baselineSeconds] = timed(() => sphericalKMeans(clinc.texts, 150));
const tandemScore = clusterAgreement(clinc.labels, Array.from(tandem.assignment));
const baselineScore = clusterAgreement(clinc.labels, Array.from(baseline));
console.log(`## CLINC150 val: ${clinc.texts.length} questions, ${new Set(clinc.labels).size} true topics\n`);
console.log('| system | clusters | NMI | ARI | purity | seconds |');
console.log('|---|---|---|---|---|---|');
console.log(
  `| Tandem (words + char n-grams, kNN graph, community detection; k found) | ${tandem.clusters.length} | ${f3(tandemScore.nmi)} | ${f3(tandemScore.ari)} | ${f3(tandemScore.purity)} | ${tandemSeconds.toFixed(1)} |`,
);
console.log(
  `| baseline (word TF-IDF, spherical k-means, told k = 150) | ${new Set(baseline).size} | ${f3(baselineScore.nmi)} | ${f3(baselineScore.ari)} | ${f3(baselineScore.purity)} | ${baselineSeconds.toFixed(1)} |`,
);

const turns = jddcCustomerTurns();
const [jddc, jddcSeconds] = timed(() => clusterQuestions(turns));
const clustered = jddc.assignment.filter((a) => a >= 0).length;
const cohesion =
  jddc.clusters.reduce((s, c) => s + c.cohesion * c.members.length, 0) / Math.max(1, clustered);
console.log(`\n## JDDC customer turns (unlabelled)\n`);
console.log('| questions | topics (≥ 2 questions) | clustered | mean cohesion | seconds |');
console.log('|---|---|---|---|---|');
console.log(
  `| ${turns.length} | ${jddc.clusters.length} | ${((100 * clustered) / turns.length).toFixed(1)}% | ${f3(cohesion)} | ${jddcSeconds.toFixed(1)} |`,
);

console.log(`\n## ${size} questions (JDDC + CLINC150 + BANKING77 + AFQMC), each in its own process\n`);
console.log('| system | clusters | seconds | peak memory (MB) |');
console.log('|---|---|---|---|');
const runner = fileURLToPath(new URL('./miningScale.ts', import.meta.url));
for (const system of ['tandem', 'baseline']) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', runner, system, String(size)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    console.log(`| ${system} | failed: ${child.stderr.trim().split('\n').at(-1)} | | |`);
    continue;
  }
  const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    clusters: number;
    seconds: number;
    peakMb: number;
  };
  console.log(`| ${system} | ${r.clusters} | ${r.seconds.toFixed(1)} | ${Math.round(r.peakMb)} |`);
}
