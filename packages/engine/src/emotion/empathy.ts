import { EMPATHY_ACKNOWLEDGEMENTS, EMPATHY_GROUP, EMPATHY_PHRASES } from './empathyPhrases.ts';
import type { EmotionLang, EmotionResult } from './types.ts';

/**
 * `act`: the reply that follows helps (an answer, a task), so the opening may say so ("I'm on it");
 * `acknowledge`: it does not (did you mean, don't know, hand-over), so the opening only names the feeling.
 */
export type EmpathyMode = 'act' | 'acknowledge';

export interface EmpathyOptions {
  /** what the reply after the opening does (default act) */
  mode?: EmpathyMode;
  /** Openings already used in this conversation, oldest first; the latest one is never repeated. */
  used?: readonly string[];
  /** Picks among the fitting variants; default: rotates with the number of openings used. */
  seed?: number;
}

/**
 * An acknowledgement to open the bot's reply with when the customer's emotion is negative, fitted to the
 * emotion, its intensity and the language; null for neutral or positive messages. Varied: phrases already
 * used are avoided while others remain, and the previous one is never repeated.
 */
export function empathyOpening(
  result: Pick<EmotionResult, 'emotion' | 'polarity' | 'intensity'>,
  lang: EmotionLang,
  options: EmpathyOptions = {},
): string | null {
  if (result.polarity !== 'negative') return null;
  const group = EMPATHY_GROUP[result.emotion];
  if (group === undefined) return null;
  const intensity = Number.isFinite(result.intensity) ? result.intensity : 0;
  const table = options.mode === 'acknowledge' ? EMPATHY_ACKNOWLEDGEMENTS : EMPATHY_PHRASES;
  const phrases = (table[lang] ?? table.en)[group]
    .filter(
      (p) => intensity >= (p.minIntensity ?? 0) && intensity < (p.maxIntensity ?? Number.POSITIVE_INFINITY),
    )
    .map((p) => p.text);
  const used = options.used ?? [];
  const last = used[used.length - 1];
  const fresh = phrases.filter((p) => !used.includes(p));
  const pool = fresh.length > 0 ? fresh : phrases.filter((p) => p !== last);
  if (pool.length === 0) return null;
  const seed = Math.abs(Math.trunc(options.seed ?? used.length));
  return pool[seed % pool.length]!;
}
