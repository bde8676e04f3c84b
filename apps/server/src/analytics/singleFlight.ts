/**
 * A job that never overlaps itself and never queues up: `trigger` while it runs only notes that it must run
 * once more when it ends (however many triggers came meanwhile), so a job slower than its timer costs one
 * extra pass, not a growing chain. The promise resolves when a pass that started after the trigger ended.
 * A failed pass is reported to `onError`; the next trigger runs it again.
 */
export function singleFlight(work: () => Promise<unknown>, onError: (error: unknown) => void) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const loop = async () => {
    do {
      again = false;
      try {
        await work();
      } catch (error) {
        onError(error);
      }
    } while (again && !stopped);
  };

  return {
    trigger(): Promise<void> {
      if (stopped) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => {
        running = null;
      });
      return running;
    },
    get running(): boolean {
      return running !== null;
    },
    /** No pass starts after this; resolves when the one under way, if any, has finished. */
    stop(): Promise<void> {
      stopped = true;
      return running ?? Promise.resolve();
    },
  };
}

export type SingleFlight = ReturnType<typeof singleFlight>;
