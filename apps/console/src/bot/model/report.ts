import type { IntentSummary, Lang, ModelReport, ReportIntent } from '@tandem/protocol';
import { intentName } from './intents.ts';

/** The model report's logic: percentages, names of the intents in a pair, sorting. */

/** `oos`: the label of "the bot would not answer" (out of scope). */
export const OOS = 'oos';

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The intent's name: from the report (as it was then), else from the intents list (now), else its id. */
export function reportIntentName(
  id: string,
  report: ModelReport,
  intents: readonly IntentSummary[],
  lang: Lang,
): string {
  const inReport = report.perIntent.find((m) => m.intent === id);
  if (inReport && (inReport.name.zh || inReport.name.en)) return intentName(inReport, lang);
  const now = intents.find((i) => i.id === id);
  return now ? intentName(now, lang) : id;
}

/** Worst first: F1, then recall, then the most examples (a bad intent with many examples hurts more). */
export const worstFirst = (a: ReportIntent, b: ReportIntent) =>
  a.f1 - b.f1 || a.recall - b.recall || b.support - a.support || a.intent.localeCompare(b.intent);

/** An intent is worth a look below this F1. */
export const WEAK_F1 = 0.6;
