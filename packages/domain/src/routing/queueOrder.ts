/** A conversation waiting in a queue, as ordering needs it. */
export interface Waiting {
  id: string;
  priority: number;
  queuedAt: Date;
}

/** Waiting this long is worth one point of priority: nobody starves behind a stream of urgent arrivals. */
export const AGING_SECONDS_PER_POINT = 6;

/**
 * The order of a queue: by priority plus the time waited (one point per 6 s, so a priority-0 customer who
 * has waited 10 minutes goes before a priority-100 one who just arrived), then first come first served.
 */
export function queueScore(item: Waiting, now: Date): number {
  const waited = Math.max(0, now.getTime() - item.queuedAt.getTime()) / 1000;
  return item.priority + waited / AGING_SECONDS_PER_POINT;
}

export function orderQueue<T extends Waiting>(items: readonly T[], now: Date): T[] {
  return [...items].sort(
    (a, b) =>
      queueScore(b, now) - queueScore(a, now) ||
      a.queuedAt.getTime() - b.queuedAt.getTime() ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Estimated wait of the customer at `position` (1: next), from the mean handle time of recent conversations
 * and the people available: null when nobody who could take it is online.
 */
export function estimateWaitSeconds(
  position: number,
  meanHandleSeconds: number | null,
  agentsOnline: number,
): number | null {
  if (agentsOnline <= 0) return null;
  const handle = meanHandleSeconds ?? 300;
  return Math.round((position * handle) / agentsOnline);
}
