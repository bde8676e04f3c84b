import vm from 'node:vm';

/**
 * Total time all regular expressions of one message may take. The static check (`safety.ts`) already
 * rejects the patterns known to backtrack badly; this limit is the backstop for anything it misjudges.
 */
export const REGEX_BUDGET_MS = 50;
/** Time the remaining patterns still get after one ran out, so one runaway pattern cannot silence the others. */
const RETRY_SLICE_MS = 5;

interface Job {
  patterns: readonly RegExp[];
  text: string;
  results: boolean[];
  /** Patterns before this index are finished (matched, not matched, or timed out). */
  done: number;
  /** The pattern being tested, -1 before the first. */
  current: number;
}

/**
 * Node sometimes delivers a watchdog's stop a little late, into the next vm call. A call stopped well before
 * its own limit is such a stray stop: it is retried (a few times at most) instead of blaming a pattern.
 */
const MAX_STRAY_STOPS = 3;

// One context for every evaluation: evaluation is synchronous, so jobs never overlap.
let context: vm.Context | null = null;
const script = new vm.Script(
  'for (let i = job.done; i < job.patterns.length; i++) { job.current = i; job.results[i] = job.patterns[i].test(job.text); job.done = i + 1; }',
);

export interface RegexResults {
  results: boolean[];
  /** Indexes of patterns that ran out of time; their result is false. */
  timedOut: number[];
}

/**
 * Tests every pattern against `text` under a time limit. V8 cannot interrupt a RegExp from the same
 * thread, so the patterns run inside a `node:vm` script whose `timeout` lets a watchdog stop it; the
 * pattern that was running counts as not matching and the rest carry on in what is left of the budget (at
 * least 5 ms). Worst case per message: the budget plus 5 ms for each further runaway pattern.
 * Costs one vm call per message (tens of microseconds), whatever the number of patterns.
 */
export function runRegexes(
  patterns: readonly RegExp[],
  text: string,
  budgetMs = REGEX_BUDGET_MS,
): RegexResults {
  const job: Job = { patterns, text, results: patterns.map(() => false), done: 0, current: -1 };
  const timedOut: number[] = [];
  if (patterns.length === 0) return { results: job.results, timedOut };
  context ??= vm.createContext({});
  context.job = job;
  const deadline = performance.now() + budgetMs;
  let strayStops = 0;
  try {
    while (job.done < patterns.length) {
      const timeout = Math.max(RETRY_SLICE_MS, Math.floor(deadline - performance.now()));
      const startedAt = performance.now();
      job.current = -1;
      try {
        script.runInContext(context, { timeout });
      } catch (error) {
        if (!isTimeout(error)) throw error;
        const early = performance.now() - startedAt < timeout / 2;
        const inFlight = job.current === job.done;
        // Stopped between two patterns: the earlier ones are done, carry on.
        if (job.current !== -1 && !inFlight) continue;
        if (inFlight && !early) {
          timedOut.push(job.done);
          job.done++;
        } else if (++strayStops > MAX_STRAY_STOPS) {
          timedOut.push(job.done);
          job.done++;
        }
      }
    }
  } finally {
    context.job = null;
  }
  return { results: job.results, timedOut };
}

function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}
