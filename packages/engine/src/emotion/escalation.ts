import { HAZARD_SIGNAL, REPEATED_SIGNAL, STAKES_SIGNAL } from './serviceSignals.ts';
import type { EmotionTrajectory } from './trajectory.ts';
import type { EmotionResult, EmotionState } from './types.ts';

export type EscalationReason =
  | 'public_complaint'
  | 'threat_to_leave'
  | 'high_anger'
  | 'urgency'
  | 'complaint'
  | 'distress'
  | 'repeated_frustration';

export type QueuePriority = 'normal' | 'high' | 'urgent';

export interface EscalationAdvice {
  /** Offer a person now. */
  escalate: boolean;
  priority: QueuePriority;
  /** The main reason (the first of `reasons`). */
  reason?: EscalationReason;
  reasons: EscalationReason[];
}

/** Lexicon score from which a state counts for escalation, even when another state won the message. */
const CUE_THRESHOLD: Partial<Record<EmotionState, number>> = {
  public_complaint: 0.55,
  threat_to_leave: 0.55,
  complaint: 0.6,
  urgency: 0.5,
};
const HIGH_ANGER = 0.7;
const URGENT_ANGER = 0.85;
const DISTRESS = 0.75;
/** An anger, disgust or sarcasm cue this strong, on top of asking again after no help, makes it urgent. */
const ANGER_CUE = 0.6;
/** Reasons that, on top of asking again after no help, make a hand-over urgent. */
const ANGRY_REASONS: ReadonlySet<EscalationReason> = new Set(['threat_to_leave', 'high_anger', 'complaint']);

function fired(current: EmotionResult, state: EmotionState): boolean {
  const score =
    current.emotion === state
      ? Math.max(current.intensity, current.scores[state] ?? 0)
      : current.scores[state];
  return score !== undefined && score >= (CUE_THRESHOLD[state] ?? 1);
}

/**
 * Graded: `urgent` (hand over at once when the workspace allows) for a public complaint, fury, health or
 * safety at stake with urgency or anger, asking again after no help together with anger, a threat or a
 * complaint, or three reasons at once; `high` (offer a person, raise the queue priority) for any one reason.
 *
 * Decides whether to offer a human at once and how to raise the conversation's queue priority, from the
 * latest message and the conversation's trajectory (which includes the latest message).
 */
export function escalationAdvice(current: EmotionResult, trajectory: EmotionTrajectory): EscalationAdvice {
  const reasons: EscalationReason[] = [];
  if (fired(current, 'public_complaint')) reasons.push('public_complaint');
  if (fired(current, 'threat_to_leave')) reasons.push('threat_to_leave');
  if (current.basic === 'anger' && current.intensity >= HIGH_ANGER) reasons.push('high_anger');
  if (fired(current, 'urgency')) reasons.push('urgency');
  if (fired(current, 'complaint')) reasons.push('complaint');
  if (current.basic === 'fear' && current.intensity >= DISTRESS && !reasons.includes('urgency'))
    reasons.push('distress');
  // the customer says they asked before and got no help, or the conversation itself shows it
  const saysRepeated = current.signals.some((s) => s.startsWith(REPEATED_SIGNAL));
  const repeated =
    saysRepeated ||
    trajectory.consecutiveNegative >= 3 ||
    (trajectory.consecutiveNegative >= 2 && trajectory.trend === 'worsening');
  if (repeated && current.polarity === 'negative') reasons.push('repeated_frustration');
  // health or safety at stake (medicine, a child, fire): urgent when the customer is pressed or upset
  const stakes = current.signals.some((s) => s.startsWith(STAKES_SIGNAL)) && current.polarity === 'negative';
  // something dangerous is happening now (smoke, a shock, a leak): a person at once, whatever the tone
  const hazard = current.signals.some((s) => s.startsWith(HAZARD_SIGNAL));
  if ((stakes || hazard) && !reasons.includes('urgency')) reasons.push('urgency');
  if (reasons.length === 0) return { escalate: false, priority: 'normal', reasons };
  // anger beyond the frustration of asking again itself: a threat, a complaint, or an angry word
  const angerCue = Math.max(
    current.scores.anger ?? 0,
    current.scores.disgust ?? 0,
    current.scores.sarcasm ?? 0,
  );
  const angry =
    angerCue >= ANGER_CUE ||
    reasons.some((r) => ANGRY_REASONS.has(r) && !(r === 'high_anger' && current.emotion === 'frustration'));
  const urgent =
    reasons.includes('public_complaint') ||
    (current.basic === 'anger' && current.intensity >= URGENT_ANGER) ||
    hazard ||
    (stakes && (fired(current, 'urgency') || angry)) ||
    (saysRepeated && angry) ||
    reasons.length >= 3;
  return { escalate: true, priority: urgent ? 'urgent' : 'high', reason: reasons[0]!, reasons };
}
