import { BASIC_EMOTIONS, type BasicEmotion, type EmotionState, type Polarity } from './types.ts';

interface StateInfo {
  basic: BasicEmotion;
  polarity: Polarity;
}

/**
 * Each service state's basic emotion and polarity. Distrust and sarcasm count as anger because that is
 * how annotators of GoEmotions (annoyance, disapproval → anger) and SMP2020-EWECT label such text;
 * confusion counts as surprise as in GoEmotions' Ekman mapping.
 */
export const STATE_INFO: Readonly<Record<EmotionState, StateInfo>> = {
  anger: { basic: 'anger', polarity: 'negative' },
  frustration: { basic: 'anger', polarity: 'negative' },
  impatience: { basic: 'anger', polarity: 'negative' },
  urgency: { basic: 'fear', polarity: 'negative' },
  complaint: { basic: 'anger', polarity: 'negative' },
  threat_to_leave: { basic: 'anger', polarity: 'negative' },
  public_complaint: { basic: 'anger', polarity: 'negative' },
  distrust: { basic: 'anger', polarity: 'negative' },
  sarcasm: { basic: 'anger', polarity: 'negative' },
  disgust: { basic: 'disgust', polarity: 'negative' },
  anxiety: { basic: 'fear', polarity: 'negative' },
  worry: { basic: 'fear', polarity: 'negative' },
  fear: { basic: 'fear', polarity: 'negative' },
  sadness: { basic: 'sadness', polarity: 'negative' },
  disappointment: { basic: 'sadness', polarity: 'negative' },
  helplessness: { basic: 'sadness', polarity: 'negative' },
  confusion: { basic: 'surprise', polarity: 'negative' },
  shock: { basic: 'surprise', polarity: 'negative' },
  surprise: { basic: 'surprise', polarity: 'neutral' },
  gratitude: { basic: 'joy', polarity: 'positive' },
  satisfaction: { basic: 'joy', polarity: 'positive' },
  relief: { basic: 'joy', polarity: 'positive' },
  praise: { basic: 'joy', polarity: 'positive' },
  joy: { basic: 'joy', polarity: 'positive' },
  neutral: { basic: 'neutral', polarity: 'neutral' },
};

/** The state reported when only the basic emotion is known (e.g. from the statistical model). */
export const DEFAULT_STATE: Readonly<Record<BasicEmotion, EmotionState>> = {
  anger: 'anger',
  disgust: 'disgust',
  fear: 'worry',
  joy: 'joy',
  sadness: 'sadness',
  surprise: 'surprise',
  neutral: 'neutral',
};

export function basicOf(state: EmotionState): BasicEmotion {
  return STATE_INFO[state].basic;
}

export function polarityOf(state: EmotionState): Polarity {
  return STATE_INFO[state].polarity;
}

// A Map, not an object literal: a label such as "constructor" or "__proto__" must not find Object.prototype's members.
const LABEL_ALIASES = new Map(
  Object.entries<BasicEmotion>({
    angry: 'anger',
    happy: 'joy',
    happiness: 'joy',
    sad: 'sadness',
    surprised: 'surprise',
    fearful: 'fear',
    disgusted: 'disgust',
  }),
);

/** Maps the label names of common data sets (SMP2020-EWECT: angry, happy, sad) onto basic emotions. */
export function toBasicEmotion(label: string): BasicEmotion | undefined {
  const key = label.trim().toLowerCase();
  const basic = BASIC_EMOTIONS.find((name) => name === key);
  return basic ?? LABEL_ALIASES.get(key);
}
