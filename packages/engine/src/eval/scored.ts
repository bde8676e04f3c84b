import type { IntentPrediction } from '../nlu/model.ts';

/** One evaluated example: its text, the intent it should get, and what the model predicted. */
export interface ScoredExample {
  text: string;
  expected: string;
  prediction: IntentPrediction;
}
