/**
 * One scale run of `npm run bench:mining`, in its own process so its peak memory is its own:
 * `tsx miningScale.ts <tandem|baseline> <size>` prints one JSON line.
 */
import { clusterQuestions } from '../src/mining/index.ts';
import { sphericalKMeans } from './miningBaseline.ts';
import { mixedQuestions } from './miningData.ts';

const system = process.argv[2] ?? 'tandem';
const size = Number(process.argv[3] ?? 50_000);
const texts = mixedQuestions(size);
const before = process.resourceUsage().maxRSS;
const started = performance.now();
let clusters = 0;
if (system === 'tandem') clusters = clusterQuestions(texts).clusters.length;
else clusters = new Set(sphericalKMeans(texts, 150)).size;
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ system, questions: texts.length, clusters, seconds, peakMb: process.resourceUsage().maxRSS / 1024, loadedMb: before / 1024 })}\n`,
);
