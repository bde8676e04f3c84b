import vm from 'node:vm';
import { RegexThread } from './regexThread.ts';

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
 * Tests every pattern against `text` under a time limit, on this thread. V8 cannot interrupt a RegExp from
 * the same thread, so the patterns run inside a `node:vm` script whose `timeout` lets a watchdog stop it;
 * the pattern that was running counts as not matching and the rest carry on in what is left of the budget
 * (at least 5 ms). Worst case per message: the budget plus 5 ms for each further runaway pattern.
 * Costs one vm call per message, whatever the number of patterns: 150 µs on a quiet machine, 0.3–1 ms on
 * a busy one (the watchdog thread is started and joined each time). The bot's turns use
 * `runRegexesAsync`; this is for the rest (rule previews, tools) and its fallback.
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

/**
 * The same outcome, computed in the regex thread (`regexThread.ts`) while the caller goes on; the budget
 * counts per job from when the thread starts it. A pattern that overran counts as timed out (not matching)
 * and the patterns after it run in a new thread, each job with its own budget, so a runaway never blocks
 * the caller's thread. When threads cannot be used (none could start), the patterns run on the calling
 * thread through `runRegexes`.
 */
export async function runRegexesAsync(
  patterns: readonly RegExp[],
  text: string,
  budgetMs = REGEX_BUDGET_MS,
): Promise<RegexResults> {
  if (patterns.length === 0) return { results: [], timedOut: [] };
  // a job waiting behind another job's runaway pattern is answered `unavailable`: it is sent again once
  for (let attempt = 0; attempt < 2; attempt++) {
    const ready = await readyThread();
    if (ready === null) break;
    const outcome = await ready.run(patterns, text, budgetMs);
    if ('results' in outcome) return { results: outcome.results, timedOut: [] };
    if ('unavailable' in outcome) continue;
    const i = outcome.overran;
    // results beyond the thread's shared slots (thousands of patterns) are found again here
    const unread = runRegexes(patterns.slice(outcome.before.length, i), text, budgetMs);
    const after = await runRegexesAsync(patterns.slice(i + 1), text, budgetMs);
    return {
      results: [...outcome.before, ...unread.results, false, ...after.results],
      timedOut: [
        ...unread.timedOut.map((j) => j + outcome.before.length),
        i,
        ...after.timedOut.map((j) => j + i + 1),
      ],
    };
  }
  return runRegexes(patterns, text, budgetMs);
}

let thread: RegexThread | null = null;
/** When a thread last failed to start: threads are not tried again for a minute (the vm answers). */
let failedAt = Number.NEGATIVE_INFINITY;
const RETRY_THREADS_MS = 60_000;

/** The regex thread once it is ready, starting one if needed; null when threads cannot be used. */
async function readyThread(): Promise<RegexThread | null> {
  if (thread?.ended) thread = null;
  if (thread === null) {
    if (performance.now() - failedAt < RETRY_THREADS_MS) return null;
    try {
      thread = new RegexThread();
    } catch {
      failedAt = performance.now();
      return null;
    }
  }
  const current = thread;
  if (await current.started) return current.ended ? readyThread() : current;
  failedAt = performance.now();
  return null;
}

/**
 * Starts the regex thread if none runs; settles when it is ready (true) or could not start (false). A
 * server may call it at start so that its first messages do not wait for the thread to start.
 */
export async function regexThreadStarted(): Promise<boolean> {
  return (await readyThread()) !== null;
}

/** Jobs the current regex thread answered (0 when none runs): how tests see which path answered. */
export function regexThreadAnswered(): number {
  return thread?.answered ?? 0;
}

function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}
