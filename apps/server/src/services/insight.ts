import type { Conversation } from '@tandem/domain';
import { detectEmotion, type EmotionResult, summarizeTrajectory, toEmotionPoint } from '@tandem/engine';
import type { Lang, MessageEmotion } from '@tandem/protocol';
import type { AppContext } from '../context.ts';

const HISTORY = 20;

/** What staff see of a customer message's emotion. */
export function readEmotion(
  text: string,
  lang: Lang | null,
): { result: EmotionResult; view: MessageEmotion } {
  const result = detectEmotion(text, lang ? { lang } : {});
  return {
    result,
    view: {
      state: result.emotion,
      basic: result.basic,
      polarity: result.polarity,
      intensity: result.intensity,
    },
  };
}

/** Adds a message's emotion to the conversation's trajectory (current, trend, history) that agents see. */
export async function recordEmotion(
  ctx: AppContext,
  conversation: Conversation,
  emotion: MessageEmotion,
  at: Date,
): Promise<void> {
  const history = [...(conversation.emotion?.history ?? []), { ...emotion, at: at.toISOString() }].slice(
    -HISTORY,
  );
  const trajectory = summarizeTrajectory(
    history.map((h) =>
      toEmotionPoint({
        emotion: h.state as EmotionResult['emotion'],
        basic: h.basic,
        polarity: h.polarity,
        intensity: h.intensity,
      }),
    ),
  );
  await ctx.store.conversations.annotate(conversation.id, {
    emotion: { current: emotion, trend: trajectory.trend, history },
  });
}
