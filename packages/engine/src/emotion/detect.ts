import { analyzeLexicon, globalBoost, type LexiconAnalysis } from './lexicon/analyze.ts';
import { EmotionModel } from './model/emotionModel.ts';
import { prepareText } from './prepare.ts';
import {
  findServiceSignals,
  HAZARD_SIGNAL,
  REPEATED_FRUSTRATION,
  REPEATED_SIGNAL,
  STAKES_SIGNAL,
} from './serviceSignals.ts';
import { basicOf, DEFAULT_STATE, polarityOf } from './states.ts';
import {
  BASIC_EMOTIONS,
  type BasicEmotion,
  type EmotionLang,
  type EmotionResult,
  type EmotionState,
} from './types.ts';

export interface DetectEmotionOptions {
  /** Force the language instead of detecting it. */
  lang?: EmotionLang;
  /**
   * A trained statistical layer (`trainEmotionModel`, or `shippedEmotionModel('en')`); without it the
   * shipped lexicons decide alone.
   */
  model?: EmotionModel | null;
}

/** States that matter most to a service team win ties with other cues of similar strength. */
const SERVICE_PRIORITY: Partial<Record<EmotionState, number>> = {
  public_complaint: 0.2,
  threat_to_leave: 0.15,
  complaint: 0.1,
  distrust: 0.05,
  urgency: 0.05,
};

/**
 * A service cue this strong decides the state, unless a statistical model gives the cue's basic emotion
 * less than `DECISIVE_MODEL_FLOOR` (on general text, e.g. news that mentions 律师 or 报警, such overrides were
 * mostly wrong). The cue still shows in `scores`, which is what escalation reads.
 */
const DECISIVE = 0.6;
const DECISIVE_MODEL_FLOOR = 0.1;
const DECISIVE_STATES: ReadonlySet<EmotionState> = new Set([
  'public_complaint',
  'threat_to_leave',
  'complaint',
  'urgency',
  'distrust',
]);

function topState(scores: Map<EmotionState, number>, basic?: BasicEmotion): [EmotionState, number] | null {
  let best: [EmotionState, number] | null = null;
  let bestRank = Number.NEGATIVE_INFINITY;
  for (const [state, score] of scores) {
    if (basic !== undefined && basicOf(state) !== basic) continue;
    const rank = score + (SERVICE_PRIORITY[state] ?? 0);
    if (rank > bestRank) {
      bestRank = rank;
      best = [state, score];
    }
  }
  return best;
}

function choose(
  lexicon: LexiconAnalysis,
  probs: Float64Array | null,
): { state: EmotionState; strength: number } {
  const top = topState(lexicon.scores);
  if (
    top !== null &&
    DECISIVE_STATES.has(top[0]) &&
    top[1] >= DECISIVE &&
    (probs === null || probs[BASIC_EMOTIONS.indexOf(basicOf(top[0]))]! >= DECISIVE_MODEL_FLOOR)
  )
    return { state: top[0], strength: top[1] };
  if (probs === null)
    return top === null ? { state: 'neutral', strength: 0 } : { state: top[0], strength: top[1] };
  const { basic, p } = EmotionModel.best(probs);
  const modelStrength = 0.2 + 0.5 * p;
  if (basic === 'neutral') return { state: 'neutral', strength: 0 };
  const match = topState(lexicon.scores, basic);
  if (match === null) return { state: DEFAULT_STATE[basic], strength: modelStrength };
  return { state: match[0], strength: Math.max(match[1], modelStrength) };
}

function neutralResult(lang: EmotionLang, signals: string[] = []): EmotionResult {
  return {
    emotion: 'neutral',
    basic: 'neutral',
    polarity: 'neutral',
    intensity: 0,
    signals,
    lang,
    scores: {},
  };
}

/**
 * Detects the emotion of one customer message (Chinese or English): a fine-grained service state, its basic
 * emotion, polarity, intensity 0..1 and the cues that fired. Never throws: empty or invalid input is neutral.
 */
export function detectEmotion(text: unknown, options: DetectEmotionOptions = {}): EmotionResult {
  const prepared = prepareText(text, options.lang);
  if (prepared.text.trim() === '') return neutralResult(prepared.lang);
  const lexicon = analyzeLexicon(prepared.text);
  const service = findServiceSignals(prepared.text.toLowerCase());
  if (service.repeated !== null) {
    // asking again after no help is frustration, whatever words carry it
    const before = lexicon.scores.get('frustration') ?? 0;
    lexicon.scores.set('frustration', Math.max(before, REPEATED_FRUSTRATION));
  }
  const probs = options.model ? options.model.predict(prepared.text, prepared.lang, lexicon) : null;
  const { state, strength } = choose(lexicon, probs);
  const signals = [...lexicon.signals];
  if (service.repeated !== null) signals.push(`${REPEATED_SIGNAL}${service.repeated}`);
  if (service.stakes !== null) signals.push(`${STAKES_SIGNAL}${service.stakes}`);
  if (service.hazard !== null) signals.push(`${HAZARD_SIGNAL}${service.hazard}`);
  if (probs !== null) {
    const { basic, p } = EmotionModel.best(probs);
    signals.push(`model:${basic}(${p.toFixed(2)})`);
  }
  const scores = Object.fromEntries(lexicon.scores) as EmotionResult['scores'];
  if (state === 'neutral') return { ...neutralResult(prepared.lang, signals), scores };
  const intensity = Math.min(1, strength + globalBoost(lexicon.global));
  return {
    emotion: state,
    basic: basicOf(state),
    polarity: polarityOf(state),
    intensity: Math.round(intensity * 1000) / 1000,
    signals,
    lang: prepared.lang,
    scores,
  };
}
