/**
 * Per-account login throttling: after `maxFailures` failed sign-ins for one e-mail address within `windowMs`
 * (from any IP address), further attempts for that address are refused until the window that began with the
 * first failure has passed. The per-IP limit on the login route cannot stop a password guesser that spreads
 * its attempts over many addresses; this does.
 *
 * Kept in process memory (one `Map`, bounded): enough for one process. Scaled out, the counters move to Redis
 * (INCR with an expiry per key) so that every process sees the same count.
 */
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  /** bound on remembered addresses; beyond it the oldest windows are forgotten first */
  maxEntries: number;
}

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleOptions = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  maxEntries: 100_000,
};

interface Entry {
  failures: number;
  windowStart: number;
}

/** One address however it is typed: case and surrounding spaces do not open a new budget. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createLoginThrottle(
  options: Partial<LoginThrottleOptions> = {},
  now: () => number = () => Date.now(),
) {
  const { maxFailures, windowMs, maxEntries } = { ...LOGIN_THROTTLE_DEFAULTS, ...options };
  // insertion order = order of each window's first failure, so the first entries are the oldest
  const entries = new Map<string, Entry>();

  const current = (key: string, t: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && t - entry.windowStart >= windowMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const prune = (t: number) => {
    for (const [key, entry] of entries) {
      if (entries.size < maxEntries && t - entry.windowStart < windowMs) break;
      entries.delete(key);
    }
  };

  return {
    /** Whether the address may try now; if not, the seconds until it may. */
    check(email: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
      const t = now();
      const entry = current(normaliseEmail(email), t);
      if (!entry || entry.failures < maxFailures) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.ceil((entry.windowStart + windowMs - t) / 1000) };
    },
    recordFailure(email: string): void {
      const t = now();
      const key = normaliseEmail(email);
      const entry = current(key, t);
      if (entry) {
        entry.failures += 1;
        return;
      }
      if (entries.size >= maxEntries) prune(t);
      entries.set(key, { failures: 1, windowStart: t });
    },
    /** A successful sign-in forgets the address's failures. */
    recordSuccess(email: string): void {
      entries.delete(normaliseEmail(email));
    },
    get size() {
      return entries.size;
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
