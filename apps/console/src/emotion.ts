import { emotionStates, type MessageEmotion } from '@tandem/protocol';
import type { MessageKey, Translate } from './i18n.ts';

const knownStates = emotionStates;
type KnownState = (typeof knownStates)[number];

function isKnownState(state: string): state is KnownState {
  return (knownStates as readonly string[]).includes(state);
}

type Emotion = Pick<MessageEmotion, 'state' | 'basic'>;

/** "焦虑" / "Anxious"; a state this console does not know yet falls back to its basic emotion. */
export function emotionLabel(emotion: Emotion, t: Translate): string {
  const key: MessageKey = isKnownState(emotion.state)
    ? `emotion.${emotion.state}`
    : `emotion.basic.${emotion.basic}`;
  return t(key);
}

/** Worth pointing out to an agent: anything but calm. */
export function isNotable(emotion: Pick<MessageEmotion, 'polarity' | 'basic'> | null | undefined): boolean {
  return Boolean(emotion && (emotion.polarity !== 'neutral' || emotion.basic !== 'neutral'));
}

export function intensityPercent(intensity: number): number {
  return Math.round(Math.min(1, Math.max(0, intensity)) * 100);
}
