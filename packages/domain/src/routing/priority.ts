import type { HandoffReason } from '@tandem/protocol';
import { currentEmotion } from '../conversation/emotion.ts';
import type { Attributes, EmotionReading, EmotionTrajectory } from '../records.ts';

export interface PriorityInput {
  reason: HandoffReason;
  /** what the bot's rules, flows or emotion advice asked for (0, 50 high, 100 urgent) */
  botPriority: number;
  emotion: EmotionTrajectory | null;
  attributes: Attributes;
}

/** How strongly negative a reading is (0 for neutral or positive ones). */
const negativity = (reading: Pick<EmotionReading, 'polarity' | 'intensity'>) =>
  reading.polarity === 'negative' ? reading.intensity : 0;

/** Worsening: the latest reading is clearly more negative than the readings before it. */
export function isWorsening(emotion: EmotionTrajectory | null): boolean {
  const history = emotion?.history ?? [];
  if (history.length < 2) return false;
  const latest = negativity(history.at(-1) as EmotionReading);
  const before = history.slice(-4, -1);
  const mean = before.reduce((sum, r) => sum + negativity(r), 0) / before.length;
  return latest - mean >= 0.15;
}

const URGENT_STATES = new Set(['urgency', 'impatience', 'threat_to_leave', 'public_complaint']);
const VIP_LEVELS = new Set(['vip', 'gold', 'platinum', 'diamond', 'svip']);

/**
 * A customer the company's site marks VIP (`vip: true`, or a level such as gold / platinum) — only for a
 * verified customer: a page's plain attributes are whatever the visitor's browser says, so an anonymous visitor
 * cannot move up the queue by claiming to be a VIP.
 */
export function isVip(attributes: Attributes): boolean {
  if (attributes.identityVerified !== true) return false;
  if (attributes.vip === true || attributes.vip === 'true') return true;
  for (const key of ['vipLevel', 'level', 'tier', 'memberLevel']) {
    const value = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
    if (typeof value === 'string' && VIP_LEVELS.has(value.toLowerCase())) return true;
  }
  return false;
}

const REASON_BASE: Record<HandoffReason, number> = {
  emotion: 25,
  repeated_miss: 20,
  rule: 15,
  flow: 15,
  keyword: 15,
  customer_request: 15,
  human_first: 10,
};

/**
 * A queued conversation's priority, 0–100, graded from what the bot learnt rather than one constant: the
 * reason, the strength of the customer's current negative emotion and whether it is getting worse, urgency,
 * a VIP customer, and what the bot's rules asked for. Two upset customers are ordered by how upset.
 */
export function gradePriority(input: PriorityInput): number {
  const current = input.emotion ? currentEmotion(input.emotion).current : null;
  let score = REASON_BASE[input.reason];
  if (current) score += Math.round(negativity(current) * 30);
  if (isWorsening(input.emotion)) score += 10;
  if (current && URGENT_STATES.has(current.state) && current.intensity >= 0.4) score += 10;
  if (isVip(input.attributes)) score += 20;
  score += Math.round(Math.min(100, Math.max(0, input.botPriority)) / 10);
  return Math.min(100, Math.max(0, score));
}
