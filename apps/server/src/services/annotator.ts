import type { Annotator, EmotionTrajectory } from '@tandem/domain';
import { chooseLanguage, detectEmotion, summarizeTrajectory, toEmotionPoint } from '@tandem/engine';
import type { AgentConversation, MessageEmotion } from '@tandem/protocol';

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
  return { current: trajectory.current, trend, history: trajectory.history };
}

/**
 * Reads a customer message once, before it is stored: its language and emotion. The emotion goes on the
 * message (staff see it), into the conversation's readings, and to the bot, which does not read it again.
 */
export const engineAnnotator: Annotator = {
  annotate(text, known) {
    const lang = chooseLanguage(text, known);
    const result = detectEmotion(text, { lang });
    const emotion: MessageEmotion = {
      state: result.emotion,
      basic: result.basic,
      polarity: result.polarity,
      intensity: result.intensity,
    };
    return {
      lang,
      meta: { lang, emotion, emotionResult: result },
      emotion: { ...emotion, at: new Date().toISOString() },
    };
  },
};
