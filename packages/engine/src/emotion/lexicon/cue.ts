import type { EmotionState } from '../types.ts';

/** One lexicon entry: a phrase (or pattern) that signals a service emotion with a base weight 0..1. */
export interface Cue {
  pattern: string | RegExp;
  state: EmotionState;
  weight: number;
  /** The cue does not count right after these (e.g. 马上 after 我: the customer's own action). */
  notAfter?: readonly string[];
  /** The cue does not count right before these (e.g. 怎么办 before 理: 怎么办理 is a plain question). */
  notBefore?: readonly string[];
}

interface CueContext {
  notAfter?: readonly string[];
  notBefore?: readonly string[];
}

/** Builds cues of one state and weight from a list of phrases or patterns. */
export function cues(
  state: EmotionState,
  weight: number,
  patterns: readonly (string | RegExp)[],
  context: CueContext = {},
): Cue[] {
  return patterns.map((pattern) => ({ pattern, state, weight, ...context }));
}
