import type { Lang } from '@tandem/protocol';
import type { RoutingStrategy, User } from '../records.ts';

/** A person who could be offered a conversation, with their current load. */
export interface Candidate {
  user: Pick<User, 'id' | 'role' | 'presence' | 'maxConcurrent' | 'skills' | 'languages'>;
  /** conversations assigned to them now plus those offered to them now */
  load: number;
  lastOfferedAt: Date | null;
}

export interface PickInput {
  candidates: readonly Candidate[];
  strategy: RoutingStrategy;
  /** the customer's language, when known: only people who speak it */
  lang: Lang | null;
  /** skills the conversation needs (all of them) */
  skills: readonly string[];
  /** people who declined it or let the offer lapse: not offered again this round */
  exclude: readonly string[];
  /** the customer's last person: preferred while online and within capacity */
  sticky: string | null;
  /** what the bot learnt of the conversation (its tags: fraud-risk, vip, refund …): people with more of them
   * among their skills are preferred */
  preferSkills?: readonly string[];
}

/** Whether a person can be offered one more conversation now. */
export function isAvailable(
  candidate: Candidate,
  input: Pick<PickInput, 'lang' | 'skills' | 'exclude'>,
): boolean {
  const { user } = candidate;
  if (user.presence !== 'online') return false;
  if (candidate.load >= user.maxConcurrent) return false;
  if (input.exclude.includes(user.id)) return false;
  if (input.lang && !user.languages.includes(input.lang)) return false;
  const own = new Set(user.skills.map((s) => s.toLowerCase()));
  return input.skills.every((skill) => own.has(skill.toLowerCase()));
}

const time = (date: Date | null) => date?.getTime() ?? 0;

/**
 * Who is offered a waiting conversation, or null (nobody available, or the team picks by hand). Stickiness
 * first; then people whose skills match more of the conversation's tags; then `least_busy`: the lowest share of capacity in use, ties to whoever waited longest for an offer;
 * `round_robin`: whoever waited longest for an offer.
 */
export function pickAgent(input: PickInput): string | null {
  if (input.strategy === 'manual') return null;
  const available = input.candidates.filter((c) => isAvailable(c, input));
  if (available.length === 0) return null;
  const sticky = input.sticky ? available.find((c) => c.user.id === input.sticky) : undefined;
  if (sticky) return sticky.user.id;
  const wanted = new Set((input.preferSkills ?? []).map((s) => s.toLowerCase()));
  const matches = (c: Candidate) => c.user.skills.filter((s) => wanted.has(s.toLowerCase())).length;
  const ordered = [...available].sort((a, b) => {
    const skill = matches(b) - matches(a);
    if (skill !== 0) return skill;
    if (input.strategy === 'least_busy') {
      const share = a.load / a.user.maxConcurrent - b.load / b.user.maxConcurrent;
      if (share !== 0) return share;
    }
    return time(a.lastOfferedAt) - time(b.lastOfferedAt) || a.user.id.localeCompare(b.user.id);
  });
  return (ordered[0] as Candidate).user.id;
}
