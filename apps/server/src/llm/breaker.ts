/**
 * A circuit breaker per workspace: after `threshold` failures in a row the provider is not called for
 * `coolDownMs`; then one call is let through (half-open) and its outcome closes or reopens the circuit.
 * Kept in memory: each process protects itself; a restart gives the provider another chance.
 */
export function createBreaker(options: { threshold?: number; coolDownMs?: number; now?: () => number } = {}) {
  const threshold = options.threshold ?? 3;
  const coolDownMs = options.coolDownMs ?? 30_000;
  const now = options.now ?? Date.now;
  const states = new Map<string, { failures: number; openUntil: number; trial: boolean }>();
  const get = (key: string) => {
    let s = states.get(key);
    if (!s) {
      s = { failures: 0, openUntil: 0, trial: false };
      states.set(key, s);
    }
    return s;
  };
  return {
    /** May a call go out now? (false while open; one trial at a time once the cool-down is over) */
    allow(key: string): boolean {
      const s = get(key);
      if (s.failures < threshold) return true;
      if (now() < s.openUntil || s.trial) return false;
      s.trial = true;
      return true;
    },
    success(key: string): void {
      states.delete(key);
    },
    failure(key: string): void {
      const s = get(key);
      s.failures += 1;
      s.trial = false;
      if (s.failures >= threshold) s.openUntil = now() + coolDownMs;
    },
    state(key: string): 'closed' | 'open' | 'half-open' {
      const s = states.get(key);
      if (!s || s.failures < threshold) return 'closed';
      return now() < s.openUntil ? 'open' : 'half-open';
    },
    reset(key: string): void {
      states.delete(key);
    },
  };
}
export type Breaker = ReturnType<typeof createBreaker>;
