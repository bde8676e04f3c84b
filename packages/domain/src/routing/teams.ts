import type { HandoffTarget } from '@tandem/protocol';
import type { Team } from '../records.ts';

/**
 * The team a hand-over goes to: the one flows and rules name (by key, else by name, case-insensitively);
 * for the expert tier without a named tier-2 team, the first tier-2 team; null: any agent.
 */
export function teamForTarget(teams: readonly Team[], target: HandoffTarget | null): Team | null {
  if (!target) return null;
  const wanted = target.team?.trim().toLowerCase();
  if (wanted) {
    const named =
      teams.find((t) => t.key === wanted) ?? teams.find((t) => t.name.trim().toLowerCase() === wanted);
    if (named && (target.tier === 'agent' || named.tier === 2)) return named;
  }
  if (target.tier === 'expert') return teams.find((t) => t.tier === 2) ?? null;
  return null;
}
