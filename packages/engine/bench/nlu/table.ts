import { TASKS } from './datasets.ts';
import type { RunResult } from './run.ts';

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const num = (v: number): string => Math.round(v).toLocaleString('en-US');
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The benchmark as a Markdown table, one row per task × system. */
export function formatTable(results: readonly RunResult[]): string {
  const header = [
    '| task | protocol | system | in-scope accuracy | best-intent accuracy | OOS recall | OOS precision | in-scope refused | train time (wall / CPU) | predictions/s (wall / CPU) | peak memory |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = results.map((r) =>
    [
      r.task,
      TASKS[r.task].protocol,
      r.system,
      pct(r.inScopeAccuracy),
      pct(r.top1Accuracy),
      pct(r.oosRecall),
      pct(r.oosPrecision),
      pct(r.refusedInScope),
      `${secs(r.trainMs)} / ${secs(r.trainCpuMs)}`,
      `${num(r.predictionsPerSecond)} / ${num(r.predictionsPerCpuSecond)}`,
      `${num(r.peakRssMb)} MB`,
    ].join(' | '),
  );
  return [...header, ...rows.map((r) => `| ${r} |`)].join('\n');
}
