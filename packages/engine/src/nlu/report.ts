/** What training found in the data and did about it: shown to the workspace owner, never silent. */
export interface TrainingReport {
  /** examples used (after removing duplicates, conflicts and empty texts) */
  examples: number;
  intents: number;
  /** out-of-scope examples labelled by the workspace */
  outOfScopeExamples: number;
  /** generated off-topic examples added to the out-of-scope class */
  generatedOffTopic: number;
  duplicates: number;
  /** texts labelled with different intents; the majority label is kept, ties are dropped */
  conflicts: { text: string; intents: string[]; kept: string | null }[];
  /** texts with nothing to learn from (only emoji, punctuation or spaces) */
  skippedEmpty: number;
  /** intents with a single example: they work, but poorly; add phrasings */
  singletons: string[];
  /**
   * held-out examples used to calibrate confidence and the out-of-scope detector (when the calibration was
   * kept from the previous model, that measurement's count)
   */
  heldOut: number;
  /**
   * set when this retraining kept the previous model's calibration (a small change, see retrain.ts): the
   * examples added or removed since calibration was last measured
   */
  calibrationKept?: { changedExamples: number };
  trainMs: number;
  /** where training time went (analysis, held-out model, calibration, final model), ms */
  phaseMs: Record<string, number>;
  seed: number;
  warnings: string[];
}
