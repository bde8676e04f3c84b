import type { LexiconAnalysis } from '../lexicon/analyze.ts';
import { basicOf } from '../states.ts';
import type { BasicEmotion } from '../types.ts';

/** Scale of lexicon features next to the binary n-grams: the lexicon is a few strong, curated cues. */
const LEXICON_SCALE = 4;

/** Turns what the lexicon found into named features, so a trained model learns how far to trust it. */
export function lexiconFeatures(lexicon: LexiconAnalysis): Map<string, number> {
  const features = new Map<string, number>();
  const basic = new Map<BasicEmotion, number>();
  for (const [state, score] of lexicon.scores) {
    features.set(`lex:${state}`, score * LEXICON_SCALE);
    const b = basicOf(state);
    basic.set(b, Math.max(basic.get(b) ?? 0, score));
  }
  for (const [b, score] of basic) features.set(`lexb:${b}`, score * LEXICON_SCALE);
  const { global } = lexicon;
  if (global.exclamations >= 2) features.set('g:excl', 1);
  if (global.questions >= 2) features.set('g:quest', 1);
  if (global.repetition !== null) features.set('g:rep', 1);
  if (global.caps.length > 0) features.set('g:caps', 1);
  if (lexicon.hits.some((h) => h.notes.some((n) => n.startsWith('negation:')))) features.set('g:neg', 1);
  return features;
}
