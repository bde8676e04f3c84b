import { FLOW_PREFIX } from '../../src/dialog/matcherEntries.ts';
import type { TurnOutput } from '../../src/dialog/types.ts';

export type Outcome = 'right' | 'offered' | 'unsure' | 'wrong' | 'declined';

/** What a first turn did with a question whose expected entry is `expected` (null: off-topic). */
export function scoreRow(
  out: TurnOutput,
  expected: string | null,
  expectedFlows: Set<string>,
  expectedLabels: Set<string>,
): Outcome {
  const answered = out.kind === 'answer' || out.kind === 'flow';
  const labels = out.replies.flatMap((r) => r.buttons.map((b) => b.label));
  if (expected === null) {
    if (answered) return 'wrong';
    return out.kind === 'clarify' ? 'offered' : 'declined';
  }
  if (answered) {
    const intent = out.intent ?? '';
    if (intent === expected) return 'right';
    if (intent.startsWith(FLOW_PREFIX) && expectedFlows.has(intent)) return 'right';
    return 'wrong';
  }
  if (out.kind === 'clarify' && labels.some((l) => expectedLabels.has(l))) return 'offered';
  return 'unsure';
}

interface Scored {
  lang: string;
  inScope: boolean;
  outcome: Outcome;
  /** the turn showed a did-you-mean list (buttons to pick from) */
  listed: boolean;
}

const pct = (n: number, of: number) => (of === 0 ? '—' : `${n} (${((100 * n) / of).toFixed(0)}%)`);

/** Markdown table of outcomes per language, for answerable and off-topic questions. */
export function outcomeTable(rows: Scored[]): string {
  const lines = [
    '| questions | language | rows | right | offered | unsure | wrong |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const inScope of [true, false]) {
    for (const lang of ['zh', 'en', 'all']) {
      const set = rows.filter((r) => r.inScope === inScope && (lang === 'all' || r.lang === lang));
      const count = (o: Outcome) => set.filter((r) => r.outcome === o).length;
      const what = inScope ? 'answerable' : 'off-topic';
      const right = inScope
        ? pct(count('right'), set.length)
        : `${pct(count('declined'), set.length)} declined`;
      lines.push(
        `| ${what} | ${lang} | ${set.length} | ${right} | ${pct(count('offered'), set.length)} | ${inScope ? pct(count('unsure'), set.length) : '—'} | ${pct(count('wrong'), set.length)} |`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * How often a did-you-mean list helps: of the lists shown for answerable questions, how many hold the right
 * entry; and how many lists off-topic questions got (each one three buttons that cannot help).
 */
export function listTable(rows: Scored[]): string {
  const lines = [
    '| language | lists for answerable questions | with the right entry | lists for off-topic questions |',
    '|---|---:|---:|---:|',
  ];
  for (const lang of ['zh', 'en', 'all']) {
    const set = rows.filter((r) => r.listed && (lang === 'all' || r.lang === lang));
    const answerable = set.filter((r) => r.inScope);
    const right = answerable.filter((r) => r.outcome === 'offered').length;
    lines.push(
      `| ${lang} | ${answerable.length} | ${pct(right, answerable.length)} | ${set.length - answerable.length} |`,
    );
  }
  return lines.join('\n');
}
