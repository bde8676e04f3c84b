import { currentEmotion, type EmotionTrajectory } from '@tandem/domain';
import type { HandoffEmotion } from '@tandem/protocol';
import { presentTrajectory } from '../presenters/emotion.ts';

/** The packet's emotion: the current feeling (see `currentEmotion`), the latest reading, trend and readings. */
export function presentHandoffEmotion(trajectory: EmotionTrajectory | null): HandoffEmotion | null {
  const presented = presentTrajectory(trajectory);
  if (!trajectory || !presented) return null;
  const { current, heldFrom } = currentEmotion(trajectory);
  return {
    current,
    latest: trajectory.current,
    heldFrom,
    trend: presented.trend,
    history: presented.history,
  };
}
