import type { BusinessHours, PriorityBand, SlaTargets } from '../records.ts';
import { addOpenSeconds } from './hours.ts';

/** Targets when a team sets none: first reply within 5 / 3 / 1 minutes, resolved within 24 / 8 / 2 hours. */
export const DEFAULT_SLA: SlaTargets = {
  firstResponseSeconds: { normal: 300, high: 180, urgent: 60 },
  resolutionSeconds: { normal: 86_400, high: 28_800, urgent: 7_200 },
};

export const priorityBand = (priority: number): PriorityBand =>
  priority >= 70 ? 'urgent' : priority >= 40 ? 'high' : 'normal';

/**
 * The deadlines of a conversation queued at `queuedAt` with `priority`, counted in the queue's business hours
 * (the clock stops while it is closed; plain time when it has none, or never opens again within two weeks).
 */
export function slaDeadlines(
  targets: SlaTargets | null,
  priority: number,
  queuedAt: Date,
  hours: BusinessHours | null = null,
): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const t = targets ?? DEFAULT_SLA;
  const band = priorityBand(priority);
  const due = (seconds: number) =>
    addOpenSeconds(hours, queuedAt, seconds) ?? new Date(queuedAt.getTime() + seconds * 1000);
  return {
    firstResponseDueAt: due(t.firstResponseSeconds[band]),
    resolutionDueAt: due(t.resolutionSeconds[band]),
  };
}

/** A warning is raised when this share of the time to a deadline has passed. */
export const SLA_WARNING_SHARE = 0.8;

export type SlaKind = 'first_response' | 'resolution';
export type SlaLevel = 'warning' | 'breach';

/** The SLA flags a conversation should carry at `now` (each raised once: the caller stores them). */
export function dueSlaFlags(
  input: {
    queuedAt: Date | null;
    firstResponseDueAt: Date | null;
    resolutionDueAt: Date | null;
    firstResponseAt: Date | null;
    flags: readonly string[];
  },
  now: Date,
): Array<{ kind: SlaKind; level: SlaLevel; flag: string; dueAt: Date }> {
  const out: Array<{ kind: SlaKind; level: SlaLevel; flag: string; dueAt: Date }> = [];
  const check = (kind: SlaKind, due: Date | null) => {
    if (!due || !input.queuedAt) return;
    const warnAt = input.queuedAt.getTime() + (due.getTime() - input.queuedAt.getTime()) * SLA_WARNING_SHARE;
    for (const [level, at] of [
      ['warning', warnAt],
      ['breach', due.getTime()],
    ] as const) {
      const flag = `${kind}:${level}`;
      if (now.getTime() >= at && !input.flags.includes(flag)) out.push({ kind, level, flag, dueAt: due });
    }
  };
  if (!input.firstResponseAt) check('first_response', input.firstResponseDueAt);
  check('resolution', input.resolutionDueAt);
  return out;
}
