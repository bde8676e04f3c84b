import type { Analysis, Analyzer } from '../lang/index.ts';
import { NluError } from './errors.ts';
import type { TrainingReport } from './report.ts';

export interface TrainingExample {
  text: string;
  /** the intent's name; "oos" marks an example of what the workspace does not handle */
  intent: string;
}

export interface CleanExample {
  text: string;
  intent: string;
  analysis: Analysis;
}

/** Largest training set accepted; beyond it training would no longer take seconds. */
export const MAX_TRAINING_EXAMPLES = 200_000;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Checks the shape of every example; errors name the example's position (1-based). */
export function validateExamples(examples: unknown): asserts examples is TrainingExample[] {
  if (!Array.isArray(examples))
    throw new NluError('invalid_example', 'training data must be an array of examples');
  if (examples.length === 0) throw new NluError('empty_training_set', 'the training set is empty');
  if (examples.length > MAX_TRAINING_EXAMPLES) {
    throw new NluError(
      'training_set_too_large',
      `the training set has ${examples.length} examples; the limit is ${MAX_TRAINING_EXAMPLES}`,
    );
  }
  examples.forEach((example: unknown, i) => {
    const row = example as Partial<TrainingExample> | null;
    if (typeof row !== 'object' || row === null)
      throw new NluError('invalid_example', `example ${i + 1} is not an object`);
    if (typeof row.text !== 'string')
      throw new NluError('invalid_example', `example ${i + 1} has no "text" string`);
    if (typeof row.intent !== 'string' || row.intent.trim() === '') {
      throw new NluError('invalid_example', `example ${i + 1} has no "intent" name`);
    }
  });
}

/**
 * Drops what cannot be learned from and reports it: empty texts, duplicates, and texts labelled with
 * several intents (the majority label wins; a tie teaches nothing and is dropped).
 */
export function cleanExamples(
  examples: readonly TrainingExample[],
  analyzer: Analyzer,
  report: TrainingReport,
): CleanExample[] {
  const byText = new Map<string, { analysis: Analysis; text: string; counts: Map<string, number> }>();
  for (const { text, intent } of examples) {
    const analysis = analyzer.analyze(text);
    if (!analysis.tokens.some((t) => WORDLIKE.test(t))) {
      report.skippedEmpty++;
      continue;
    }
    const name = intent.trim();
    const key = analysis.tokens.join(' ');
    const group = byText.get(key) ?? { analysis, text, counts: new Map<string, number>() };
    byText.set(key, group);
    const seen = group.counts.get(name) ?? 0;
    if (seen > 0) report.duplicates++;
    group.counts.set(name, seen + 1);
  }
  const clean: CleanExample[] = [];
  for (const { analysis, text, counts } of byText.values()) {
    if (counts.size === 1) {
      clean.push({ text, intent: [...counts.keys()][0]!, analysis });
      continue;
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const tie = ranked[0]![1] === ranked[1]![1];
    const kept = tie ? null : ranked[0]![0];
    report.conflicts.push({ text, intents: ranked.map(([name]) => name), kept });
    if (kept) clean.push({ text, intent: kept, analysis });
  }
  if (report.skippedEmpty > 0) {
    report.warnings.push(
      `${report.skippedEmpty} example(s) had no words (only emoji, punctuation or spaces) and were skipped`,
    );
  }
  if (report.duplicates > 0) report.warnings.push(`${report.duplicates} duplicate example(s) were ignored`);
  if (report.conflicts.length > 0) {
    report.warnings.push(
      `${report.conflicts.length} text(s) were labelled with several intents; see conflicts`,
    );
  }
  return clean;
}
