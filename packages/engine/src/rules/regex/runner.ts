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
 * Tests every pattern against `text` under a time limit. V8 cannot interrupt a RegExp from the same
 * thread, so the patterns run where they can be stopped: in a long-lived thread that this one waits for
 * (`regexThread.ts`: two wake-ups per message), or, while that thread is starting (at first use, and after
 * one was ended for a runaway pattern), inside a `node:vm` script whose `timeout` lets a watchdog stop it.
 * The pattern that was running at the limit counts as not matching and the rest carry on in what is left of
 * the budget (at least 5 ms). Worst case per message: the budget plus 5 ms for each further runaway pattern.
 */
export function runRegexes(
  patterns: readonly RegExp[],
  text: string,
  budgetMs = REGEX_BUDGET_MS,
): RegexResults {
  const job = vmJob(patterns, text);
  const timedOut: number[] = [];
  if (patterns.length === 0) return { results: job.results, timedOut };
  const deadline = performance.now() + budgetMs;
  const ready = regexThread();
  if (ready !== null) {
    const outcome = ready.run(patterns, text, deadline);
    if ('results' in outcome) return { results: outcome.results, timedOut };
    // The thread was ended at the deadline. The pattern it was testing ran out of time; the others run
    // here, each within what is left (at least 5 ms). -1: it never started the job (a very busy machine).
    const overran = outcome.overran;
    const before = vmJob(patterns.slice(0, Math.max(0, overran)), text);
    runInVm(before, deadline, timedOut, 0);
    if (overran >= 0) timedOut.push(overran);
    const after = vmJob(patterns.slice(overran + 1), text);
    runInVm(after, deadline, timedOut, overran + 1);
    const results = [...before.results, ...(overran >= 0 ? [false] : []), ...after.results];
    return { results, timedOut };
  }
  runInVm(job, deadline, timedOut, 0);
  return { results: job.results, timedOut };
}

/** The same, always in the `vm` (the path used while the thread starts). */
export function runRegexesInVm(
  patterns: readonly RegExp[],
  text: string,
  budgetMs = REGEX_BUDGET_MS,
): RegexResults {
  const job = vmJob(patterns, text);
  const timedOut: number[] = [];
  runInVm(job, performance.now() + budgetMs, timedOut, 0);
  return { results: job.results, timedOut };
}

/**
 * Starts the regex thread if none runs; settles when it is ready (true) or could not start (false). A
 * server may call it at start so that its first messages do not take the slower `vm` path.
 */
export function regexThreadStarted(): Promise<boolean> {
  regexThread();
  return thread?.started ?? Promise.resolve(false);
}

/** Jobs the current regex thread answered (0 when none runs): how tests see which path answered. */
export function regexThreadAnswered(): number {
  return thread?.answered ?? 0;
}

const vmJob = (patterns: readonly RegExp[], text: string): Job => ({
  patterns,
  text,
  results: patterns.map(() => false),
  done: 0,
  current: -1,
});

let thread: RegexThread | null = null;

/** The thread, when it is ready; otherwise null, after starting one if none is starting. */
function regexThread(): RegexThread | null {
  if (thread?.ended) thread = null;
  if (thread === null) {
    try {
      thread = new RegexThread();
    } catch {
      return null; // threads unavailable: the vm path alone
    }
  }
  return thread.ready ? thread : null;
}

/**
 * Runs `job.patterns` from `job.done` in the vm with a watchdog, until `deadline` (at least 5 ms per
 * pattern after one ran out). Timed-out indexes, shifted by `offset`, go to `timedOut`.
 */
function runInVm(job: Job, deadline: number, timedOut: number[], offset: number): void {
  context ??= vm.createContext({});
  context.job = job;
  let strayStops = 0;
  try {
    while (job.done < job.patterns.length) {
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
          timedOut.push(job.done + offset);
          job.done++;
        } else if (++strayStops > MAX_STRAY_STOPS) {
          timedOut.push(job.done + offset);
          job.done++;
        }
      }
    }
  } finally {
    context.job = null;
  }
}

function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}
