import type { Annotator, Conversation } from '@tandem/domain';
import { chooseLanguage, detectEmotion, summarizeTrajectory, toEmotionPoint } from '@tandem/engine';
import type { MessageEmotion } from '@tandem/protocol';

/** How many of a conversation's emotion readings staff see (and the trend is computed over). */
const HISTORY = 20;

type Trajectory = NonNullable<Conversation['emotion']>;

/** The conversation's emotion trajectory after one more reading: current, trend, history (for staff). */
export function nextTrajectory(
  previous: Conversation['emotion'],
  emotion: MessageEmotion,
  at: Date,
): Trajectory {
  const history = [...(previous?.history ?? []), { ...emotion, at: at.toISOString() }].slice(-HISTORY);
  const trajectory = summarizeTrajectory(
    history.map((h) =>
      toEmotionPoint({
        emotion: h.state as Parameters<typeof toEmotionPoint>[0]['emotion'],
        basic: h.basic,
        polarity: h.polarity,
        intensity: h.intensity,
      }),
    ),
  );
  return { current: emotion, trend: trajectory.trend, history };
}

/**
 * Reads a customer message once, before it is stored: its language and emotion. The emotion goes on the
 * message (staff see it), into the conversation's trajectory, and to the bot, which does not read it again.
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
    const at = new Date();
    return {
      lang,
      meta: { lang, emotion, emotionResult: result },
      emotion: (previous) => nextTrajectory(previous, emotion, at),
    };
  },
};
