import { currentEmotion, type EmotionTrajectory } from '@tandem/domain';
import { summarizeTrajectory, toEmotionPoint } from '@tandem/engine';
import type { AgentConversation } from '@tandem/protocol';

/** What staff see of a conversation's emotion: the readings and their trend (computed here, not stored). */
export function presentTrajectory(trajectory: EmotionTrajectory | null): AgentConversation['emotion'] {
  if (!trajectory) return null;
  const { trend } = summarizeTrajectory(
    trajectory.history.map((h) =>
      toEmotionPoint({
        emotion: h.state as Parameters<typeof toEmotionPoint>[0]['emotion'],
        basic: h.basic,
        polarity: h.polarity,
        intensity: h.intensity,
      }),
    ),
  );
  // a neutral "转人工" right after an angry message does not make the customer calm (see currentEmotion)
  return { current: currentEmotion(trajectory).current, trend, history: trajectory.history };
}
