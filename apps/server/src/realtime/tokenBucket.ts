/** A token bucket: `capacity` events at once, refilled at `refillPerSecond`. */
export function createTokenBucket(
  options: { capacity: number; refillPerSecond: number },
  now = () => Date.now(),
) {
  let tokens = options.capacity;
  let last = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(options.capacity, tokens + (Math.max(0, t - last) / 1000) * options.refillPerSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
