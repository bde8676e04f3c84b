import { Worker } from 'node:worker_threads';

/**
 * A long-lived thread that tests a message's patterns while the caller goes on (its answer is a promise).
 * It replaces, for the bot's turns, a `node:vm` call with a timeout on the caller's thread, which starts and
 * joins a watchdog thread on every call: 150 µs per message on a quiet machine and 0.3–1 ms when the cores
 * are busy (the join waits for the scheduler), a quarter of the loaded server's main thread. Here the main
 * thread only posts the job and receives the answer, and a runaway pattern never blocks it.
 *
 * A pattern that overruns is not stopped inside the thread: at the job's deadline the thread is ended
 * (`terminate`) and every job still waiting is answered `unavailable` (its caller runs it in the `vm`); the
 * next job starts another thread. Shared counters (Int32) tell the caller, at a deadline, which job and
 * which of its patterns the thread was testing and which job it finished last.
 */
const STARTED = 0;
const CURRENT = 1;
const FINISHED = 2;
/** Pattern sets a thread keeps compiled; the caller mirrors the list, so it knows what to send again. */
const MAX_SETS = 64;

/** One job sent to the thread. `patterns` only when the thread does not hold that set yet. */
interface Job {
  id: number;
  set: number;
  patterns?: { source: string; flags: string }[];
  text: string;
}
type Answer = { id: number; results: boolean[] } | { id: number; missing: true };

/**
 * The thread's code: self-contained (no imports beyond `node:worker_threads`) and run with `eval`, so that
 * it needs no bundle of its own.
 */
const THREAD_CODE = `
const { parentPort, workerData: control } = require('node:worker_threads');
const sets = new Map();
parentPort.on('message', (job) => {
  if (job.patterns) {
    sets.delete(job.set);
    sets.set(job.set, job.patterns.map((p) => new RegExp(p.source, p.flags)));
    if (sets.size > ${MAX_SETS}) sets.delete(sets.keys().next().value);
  }
  const patterns = sets.get(job.set);
  if (patterns === undefined) return parentPort.postMessage({ id: job.id, missing: true });
  Atomics.store(control, ${STARTED}, job.id);
  const results = [];
  for (let i = 0; i < patterns.length; i++) {
    Atomics.store(control, ${CURRENT}, i);
    results.push(patterns[i].test(job.text));
  }
  Atomics.store(control, ${FINISHED}, job.id);
  parentPort.postMessage({ id: job.id, results });
});
parentPort.postMessage({ ready: true });
`;

/**
 * A job's outcome: every result; or the index of the pattern that overran its deadline (the others were
 * not all tested); or `unavailable` (the thread was ended or failed before it answered).
 */
export type ThreadOutcome = { results: boolean[] } | { overran: number } | { unavailable: true };

interface Pending {
  resolve: (outcome: ThreadOutcome) => void;
  timer: NodeJS.Timeout;
}

const setIds = new WeakMap<readonly RegExp[], number>();
let nextSetId = 1;

export class RegexThread {
  readonly #control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  readonly #worker: Worker;
  /** jobs sent and not answered, in the order sent (the order the thread runs them) */
  readonly #pending = new Map<number, Pending>();
  /** the sets the thread holds, oldest first, kept as the thread keeps its own */
  readonly #sets: number[] = [];
  #nextJob = 1;
  #answered = 0;
  #ready = false;
  #ended = false;
  /** Settles when the thread is ready (true) or ended before it was (false). */
  readonly started: Promise<boolean>;

  constructor() {
    this.#worker = new Worker(THREAD_CODE, {
      eval: true,
      workerData: this.#control,
      // pattern sets are small; a runaway pattern is stopped by `terminate`, not by running out of memory
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    // an idle thread does not keep the process alive
    this.#worker.unref();
    this.started = new Promise((resolve) => {
      this.#worker.on('message', (message: Answer | { ready: true }) => {
        if ('ready' in message) {
          this.#ready = true;
          resolve(true);
        } else this.#answer(message);
      });
      this.#worker.once('exit', () => resolve(false));
    });
    this.#worker.on('error', () => this.end());
    this.#worker.on('exit', () => this.end());
  }

  /** True once the thread runs and has not been ended. */
  get ready(): boolean {
    return this.#ready && !this.#ended;
  }

  /** True once it was ended (a runaway pattern, an error, an exit): a new one is needed. */
  get ended(): boolean {
    return this.#ended;
  }

  /** How many jobs it answered. */
  get answered(): number {
    return this.#answered;
  }

  /** Tests every pattern against `text` in the thread, giving up after `budgetMs`. */
  run(patterns: readonly RegExp[], text: string, budgetMs: number): Promise<ThreadOutcome> {
    if (this.#ended) return Promise.resolve({ unavailable: true });
    let set = setIds.get(patterns);
    if (set === undefined) {
      set = nextSetId++;
      setIds.set(patterns, set);
    }
    const id = this.#nextJob++;
    const job: Job = { id, set, text };
    if (!this.#sets.includes(set)) {
      job.patterns = patterns.map((p) => ({ source: p.source, flags: p.flags }));
      this.#sets.push(set);
      if (this.#sets.length > MAX_SETS) this.#sets.shift();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#deadline(id), budgetMs);
      this.#pending.set(id, { resolve, timer });
      try {
        this.#worker.postMessage(job);
      } catch {
        this.end();
      }
    });
  }

  #answer(answer: Answer): void {
    const pending = this.#pending.get(answer.id);
    if (!pending) return;
    this.#pending.delete(answer.id);
    clearTimeout(pending.timer);
    if ('results' in answer) {
      this.#answered++;
      pending.resolve({ results: answer.results });
    } else {
      // the thread no longer held the set (it should not happen: the lists are kept alike); sent again next time
      this.#sets.length = 0;
      pending.resolve({ unavailable: true });
    }
  }

  /** A job's time is up: unless the thread finished it (its answer is on its way), the thread is ended. */
  #deadline(id: number): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (Atomics.load(this.#control, FINISHED) >= id) return;
    const testing = Atomics.load(this.#control, STARTED) === id;
    this.#pending.delete(id);
    pending.resolve(testing ? { overran: Atomics.load(this.#control, CURRENT) } : { unavailable: true });
    this.end();
  }

  /** Ends the thread (a runaway pattern in it stops with it); jobs still waiting are answered `unavailable`. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const { resolve, timer } of this.#pending.values()) {
      clearTimeout(timer);
      resolve({ unavailable: true });
    }
    this.#pending.clear();
    void this.#worker.terminate();
  }
}
