import type { Annotator } from '@tandem/domain';
import { chooseLanguage, detectEmotion } from '@tandem/engine';
import type { MessageEmotion } from '@tandem/protocol';

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
