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
 * The same outcome, computed in the regex thread (`regexThread.ts`) while the caller goes on. Until a
 * thread is ready (at first use, and after one was ended for a runaway pattern) and when it cannot answer,
 * the patterns run here through `runRegexes`. A pattern that overran in the thread counts as timed out; the
 * others then run here, within the rest of the budget (at least 5 ms each).
 */
export async function runRegexesAsync(
  patterns: readonly RegExp[],
  text: string,
  budgetMs = REGEX_BUDGET_MS,
): Promise<RegexResults> {
  if (patterns.length === 0) return { results: [], timedOut: [] };
  const started = performance.now();
  const ready = regexThread();
  if (ready === null) return runRegexes(patterns, text, budgetMs);
  const outcome = await ready.run(patterns, text, budgetMs);
  if ('results' in outcome) return { results: outcome.results, timedOut: [] };
  const left = Math.max(RETRY_SLICE_MS, budgetMs - (performance.now() - started));
  if ('unavailable' in outcome) return runRegexes(patterns, text, left);
  const i = outcome.overran;
  const before = runRegexes(patterns.slice(0, i), text, left);
  const after = runRegexes(patterns.slice(i + 1), text, RETRY_SLICE_MS);
  return {
    results: [...before.results, false, ...after.results],
    timedOut: [...before.timedOut, i, ...after.timedOut.map((j) => j + i + 1)],
  };
}

let thread: RegexThread | null = null;

/** The thread, when it is ready; otherwise null, after starting one if none is starting. */
function regexThread(): RegexThread | null {
  if (thread?.ended) thread = null;
  if (thread === null) {
    try {
      thread = new RegexThread();
    } catch {
      return null; // no threads here: this thread's vm alone
    }
  }
  return thread.ready ? thread : null;
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

function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}
