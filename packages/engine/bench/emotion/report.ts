import { cpus } from 'node:os';
import type { BasicEmotion } from '../../src/emotion/index.ts';
import type { Score } from './score.ts';

export interface ResultRow {
  dataset: string;
  rows: number;
  system: string;
  score: Score | null;
  perSecond: number | null;
  note?: string;
}

export const TARGET_F1 = 0.6;
export const TARGET_ANGER_RECALL = 0.75;
export const TARGET_ANGER_PRECISION = 0.5;

const pct = (x: number) => x.toFixed(3);

export function table(results: readonly ResultRow[]): string {
  const lines = [
    '| data set | rows | system | macro-F1 | anger recall | anger precision | predictions/s |',
    '|---|---:|---|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const f1 = r.score ? pct(r.score.macroF1) : 'n/a';
    const recall = r.score ? pct(r.score.angerRecall) : 'n/a';
    const precision = r.score ? pct(r.score.angerPrecision) : 'n/a';
    const speed = r.perSecond === null ? 'n/a' : Math.round(r.perSecond).toLocaleString('en-US');
    lines.push(`| ${r.dataset} | ${r.rows} | ${r.system} | ${f1} | ${recall} | ${precision} | ${speed} |`);
  }
  return lines.join('\n');
}

export function perClassTable(results: readonly ResultRow[], system: string): string {
  const classes: BasicEmotion[] = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'];
  const lines = [`| data set | ${classes.join(' | ')} |`, `|---|${classes.map(() => '---:').join('|')}|`];
  for (const r of results.filter((x) => x.system === system && x.score)) {
    const cells = classes.map((c) => (r.score!.perClass[c] === undefined ? '—' : pct(r.score!.perClass[c]!)));
    lines.push(`| ${r.dataset} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function verdicts(results: readonly ResultRow[], system: string): string[] {
  return results
    .filter((r) => r.system === system && r.score)
    .map((r) => {
      const f1 = r.score!.macroF1 >= TARGET_F1 ? 'met' : 'NOT met';
      const recall = r.score!.angerRecall >= TARGET_ANGER_RECALL ? 'met' : 'NOT met';
      const precision = r.score!.angerPrecision >= TARGET_ANGER_PRECISION ? 'met' : 'NOT met';
      return `- ${r.dataset}: macro-F1 ${pct(r.score!.macroF1)} (target ≥ ${TARGET_F1}: ${f1}); anger recall ${pct(r.score!.angerRecall)} (target ≥ ${TARGET_ANGER_RECALL}: ${recall}); anger precision ${pct(r.score!.angerPrecision)} (target ≥ ${TARGET_ANGER_PRECISION}: ${precision}).`;
    });
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `Node ${process.version}, ${cpus().length} × ${cpu}`;
}
