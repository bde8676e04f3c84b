import type { RoutingRepository } from '../ports.ts';
import type { Team } from '../records.ts';

/**
 * The team a conversation should wait for: `team` itself when someone in it is online; else its fallback team
 * (one hop) when someone there is online; else `team` (it waits, and the customer is told nobody is online).
 */
export async function teamWithSomeoneOnline(
  routing: Pick<RoutingRepository, 'candidates'>,
  teams: readonly Team[],
  team: Team,
  /** people who do not count (the person passing the conversation on) */
  except: readonly string[] = [],
): Promise<{ team: Team; fellBack: boolean; online: boolean }> {
  const online = async (t: Team) =>
    (await routing.candidates(t.workspaceId, t.memberIds)).some(
      (c) => c.user.presence === 'online' && !except.includes(c.user.id),
    );
  if (await online(team)) return { team, fellBack: false, online: true };
  const fallback = team.fallbackTeamId ? teams.find((t) => t.id === team.fallbackTeamId) : undefined;
  if (fallback && (await online(fallback))) return { team: fallback, fellBack: true, online: true };
  return { team, fellBack: false, online: false };
}
