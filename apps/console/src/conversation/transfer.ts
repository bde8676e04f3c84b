import type { AgentConversation, Me, Teammate, TeamView } from '@tandem/protocol';

const presenceOrder = { online: 0, away: 1, offline: 2 } as const;

/** Whom a conversation may be passed to: everyone but its assignee, people online first, then by name. */
export function transferPeople(teammates: readonly Teammate[], assigneeId: string | null): Teammate[] {
  return teammates
    .filter((mate) => mate.id !== assigneeId)
    .sort((a, b) => presenceOrder[a.presence] - presenceOrder[b.presence] || a.name.localeCompare(b.name));
}

/** Members of the team who are online now. */
export function onlineIn(team: Pick<TeamView, 'members'>): number {
  return team.members.filter((member) => member.presence === 'online').length;
}

/** The expert tier: the teams of tier 2. */
export function expertTeams<T extends Pick<TeamView, 'tier'>>(teams: readonly T[]): T[] {
  return teams.filter((team) => team.tier === 2);
}

/**
 * Whether I may pass this conversation on (transfer, release to the queue, hand back to the bot): its
 * assignee may, and supervisors and admins may for anyone's.
 */
export function mayHandle(conversation: AgentConversation, me: Pick<Me, 'id' | 'role'>): boolean {
  if (conversation.status !== 'assigned') return false;
  return conversation.assignee?.id === me.id || me.role === 'admin' || me.role === 'supervisor';
}

/** Staff names by id, from the teammate list and the teams' members (for "offered to Li Na"). */
export function staffNames(
  teammates: readonly Teammate[],
  teams: readonly Pick<TeamView, 'members'>[],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const team of teams) for (const member of team.members) names.set(member.id, member.name);
  for (const mate of teammates) names.set(mate.id, mate.name);
  return names;
}
