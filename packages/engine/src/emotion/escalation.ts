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

function fired(current: EmotionResult, state: EmotionState): boolean {
  const score =
    current.emotion === state
      ? Math.max(current.intensity, current.scores[state] ?? 0)
      : current.scores[state];
  return score !== undefined && score >= (CUE_THRESHOLD[state] ?? 1);
}

/**
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
  const repeated =
    trajectory.consecutiveNegative >= 3 ||
    (trajectory.consecutiveNegative >= 2 && trajectory.trend === 'worsening');
  if (repeated && current.polarity === 'negative') reasons.push('repeated_frustration');
  if (reasons.length === 0) return { escalate: false, priority: 'normal', reasons };
  const urgent =
    reasons.includes('public_complaint') ||
    (current.basic === 'anger' && current.intensity >= URGENT_ANGER) ||
    reasons.length >= 3;
  return { escalate: true, priority: urgent ? 'urgent' : 'high', reason: reasons[0]!, reasons };
}
