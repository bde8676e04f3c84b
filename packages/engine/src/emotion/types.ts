/** The seven basic emotions every fine-grained state maps to (Ekman's six + neutral). */
export const BASIC_EMOTIONS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'] as const;
export type BasicEmotion = (typeof BASIC_EMOTIONS)[number];

export type Polarity = 'negative' | 'neutral' | 'positive';

export type EmotionLang = 'zh' | 'en';

/** Fine-grained emotional states that matter in customer service (see `states.ts` for their mapping). */
export const EMOTION_STATES = [
  'anger',
  'frustration',
  'impatience',
  'urgency',
  'complaint',
  'threat_to_leave',
  'public_complaint',
  'distrust',
  'sarcasm',
  'disgust',
  'anxiety',
  'worry',
  'fear',
  'sadness',
  'disappointment',
  'helplessness',
  'confusion',
  'shock',
  'surprise',
  'gratitude',
  'satisfaction',
  'relief',
  'praise',
  'joy',
  'neutral',
] as const;
export type EmotionState = (typeof EMOTION_STATES)[number];

/** What `detectEmotion` says about one message. */
export interface EmotionResult {
  emotion: EmotionState;
  basic: BasicEmotion;
  polarity: Polarity;
  /** 0 (barely there) … 1 (as strong as it gets). 0 for neutral text. */
  intensity: number;
  /** The cues that fired, readable by an agent, e.g. `cue:投诉`, `intensifier:非常`, `punct:!!!`. */
  signals: string[];
  lang: EmotionLang;
  /** Score 0..1 of every state the lexicons found, not only the winner (a threat can hide behind anger). */
  scores: Partial<Record<EmotionState, number>>;
}
