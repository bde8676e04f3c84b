import type { zhSummary } from './zhSummary.ts';

/** English for the language model's hand-over summary in the conversation view: exactly the Chinese keys. */
export const enSummary: Record<keyof typeof zhSummary, string> = {
  'summary.ask': 'Summarise with the language model',
  'summary.asking': 'Summarising…',
  'summary.byModel': 'Summary by the language model (check it against the transcript)',
  'summary.extractive': 'The language model is off: an extract of the conversation',
  'summary.error': 'The summary could not be made; try again later',
};
