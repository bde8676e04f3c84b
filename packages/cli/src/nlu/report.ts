import type { EvaluationMetrics, ThresholdSuggestion } from '@tandem/engine';

const pct = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(2)}%`);

/** The evaluation as people read it: headline numbers, worst intents, most common confusions. */
export function formatEvaluation(metrics: EvaluationMetrics, threshold?: ThresholdSuggestion): string {
  const { inScope, outOfScope } = metrics;
  const lines = [
    `in-scope accuracy:      ${pct(inScope.accuracy)} (${inScope.n} rows)`,
    `out-of-scope recall:    ${pct(outOfScope.recall)} (${outOfScope.n} rows)`,
    `out-of-scope precision: ${pct(outOfScope.precision)}`,
    `macro-F1:               ${pct(metrics.macroF1)}`,
    `accuracy (all rows):    ${pct(metrics.accuracy)} (${metrics.n} rows)`,
  ];
  const weakest = [...metrics.perIntent].sort((a, b) => a.f1 - b.f1).slice(0, 5);
  if (weakest.length > 0) {
    lines.push('', 'weakest intents (precision / recall / F1, support):');
    for (const m of weakest) {
      lines.push(`  ${m.intent}: ${pct(m.precision)} / ${pct(m.recall)} / ${pct(m.f1)}, ${m.support}`);
    }
  }
  const confusions = metrics.confusions.slice(0, 5);
  if (confusions.length > 0) {
    lines.push('', 'most common confusions (expected → predicted):');
    for (const c of confusions) lines.push(`  ${c.expected} → ${c.predicted}: ${c.count}`);
  }
  if (threshold) {
    lines.push(
      '',
      `out-of-scope threshold: current ${threshold.current.toFixed(3)}, suggested ${threshold.suggested.toFixed(3)}`,
      `  (${threshold.note})`,
    );
  }
  return `${lines.join('\n')}\n`;
}
