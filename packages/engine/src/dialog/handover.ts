import type { Lang } from '../bot/types.ts';
import type { EmotionResult, EscalationAdvice } from '../emotion/index.ts';
import type { RuleHandover, RuleOutcome } from '../rules/index.ts';
import { joinSentences } from './language.ts';
import type { BotSettings } from './settings.ts';
import { greetingText } from './smallTalk.ts';
import { emotionHandover, texts } from './texts.ts';
import type { Handover, TurnReply } from './types.ts';

/** Queue priority of a handover, by how urgent it is. */
export const PRIORITY = { normal: 0, high: 50, urgent: 100 } as const;

/** A handover before the turn's own priority (from emotion) is applied: the higher of the two wins. */
export type HandoverDraft = Omit<Handover, 'priority'> & { priority?: number };

/** Which acknowledgement goes with handing an upset customer over: apologise to anger, reassure fear. */
const handoverTone = (emotion: EmotionResult): 'anger' | 'fear' | 'other' =>
  emotion.basic === 'anger' || emotion.basic === 'disgust'
    ? 'anger'
    : emotion.basic === 'fear'
      ? 'fear'
      : 'other';

/**
 * A human-first customer's only bot turn: a greeting that says a person is coming, with the staff rules'
 * answer and routing (team, tier, priority) carried along.
 */
export function humanFirstGreeting(
  settings: BotSettings,
  lang: Lang,
  emotion: EmotionResult,
  advice: EscalationAdvice | null,
  ruled: RuleOutcome,
): { replies: TurnReply[]; handover: HandoverDraft } {
  const greeting = greetingText(settings, lang);
  // an upset customer hears an apology with it; a rule that hands over says so itself ("a person will
  // help you with this payment question")
  const upset =
    advice?.escalate && settings.emotion.empathy ? emotionHandover[handoverTone(emotion)][lang] : null;
  const next = ruled.handover && ruled.answer ? ruled.answer : (upset ?? texts.humanFirstConnecting[lang]);
  const replies: TurnReply[] = [{ text: joinSentences(lang, greeting, next), buttons: [] }];
  if (ruled.answer && !ruled.handover) replies.push({ text: ruled.answer, buttons: [] });
  const routed = ruled.handover;
  return {
    replies,
    handover: {
      reason: 'human_first',
      tier: routed?.tier ?? 'agent',
      ...(routed?.team ? { team: routed.team } : {}),
      ...(routed ? { detail: routed.reason || ruled.matched.map((m) => m.name).join(', ') } : {}),
      priority: routed ? (routed.priority ?? PRIORITY.high) : 0,
    },
  };
}

/** A staff rule that hands over: its answer (or a default) and the routing; unexplained rules are named. */
export function ruleHandover(
  routed: RuleHandover,
  ruled: RuleOutcome,
  lang: Lang,
): { text: string; handover: HandoverDraft } {
  return {
    text: ruled.answer ?? texts.handoverRule[lang],
    handover: {
      reason: 'rule',
      tier: routed.tier,
      detail: routed.reason || ruled.matched.map((m) => m.name).join(', '),
      ...(routed.team ? { team: routed.team } : {}),
      priority: routed.priority ?? PRIORITY.high,
    },
  };
}

/**
 * One sentence that acknowledges the feeling and says a person is coming (a general opening would first
 * promise that the bot is on it); plain when the workspace turned empathy off.
 */
export const urgentHandoverText = (settings: BotSettings, emotion: EmotionResult, lang: Lang) =>
  emotionHandover[settings.emotion.empathy ? handoverTone(emotion) : 'plain'][lang];
