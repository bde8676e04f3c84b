import { Worker } from 'node:worker_threads';

/**
 * A long-lived thread that tests a message's patterns while the caller goes on (its answer is a promise).
 * It replaces, for the bot's turns, a `node:vm` call with a timeout on the caller's thread, which starts and
 * joins a watchdog thread on every call: 150 µs per message on a quiet machine and 0.3–1 ms when the cores
 * are busy (the join waits for the scheduler), a quarter of the loaded server's main thread. Here the main
 * thread only posts the job and receives the answer.
 *
 * The thread runs jobs in the order sent. A job's budget counts from when the thread starts it, so jobs
 * waiting behind others do not use theirs up: only the job at the head of the queue has a timer, set when
 * it reaches the head. When the timer finds the thread still testing one of that job's patterns, the
 * pattern has overrun: the thread is ended (`terminate`, which stops the pattern), the job is answered with
 * the pattern's index and the results of the patterns before it, and every job still waiting is answered
 * `unavailable` (its caller uses another thread, or the `vm`). Shared memory tells the caller which job the
 * thread is in, which pattern it is testing, which job it finished last, and each pattern's result so far.
 */
const STARTED = 0;
const CURRENT = 1;
const FINISHED = 2;
const HEADER = 3;
/** Patterns whose results are kept in shared memory as they are found (a set beyond it: only up to here). */
const RESULT_SLOTS = 4096;
/** Pattern sets a thread keeps compiled; the caller mirrors the list, so it knows what to send again. */
const MAX_SETS = 64;
/** Job ids are Int32 in shared memory: a thread is replaced well before they would wrap. */
const MAX_JOBS = 2 ** 30;

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
 * it needs no bundle of its own. CURRENT is reset before STARTED is set, so whoever reads STARTED = this job
 * then reads this job's CURRENT (-1 until its first pattern starts).
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
  Atomics.store(control, ${CURRENT}, -1);
  Atomics.store(control, ${STARTED}, job.id);
  const results = [];
  for (let i = 0; i < patterns.length; i++) {
    Atomics.store(control, ${CURRENT}, i);
    const matched = patterns[i].test(job.text);
    results.push(matched);
    if (i < ${RESULT_SLOTS}) Atomics.store(control, ${HEADER} + i, matched ? 1 : 0);
  }
  Atomics.store(control, ${FINISHED}, job.id);
  parentPort.postMessage({ id: job.id, results });
});
parentPort.postMessage({ ready: true });
`;

/**
 * A job's outcome: every result; or the index of the pattern that overran the budget, with the results of
 * the patterns before it; or `unavailable` (the thread was ended or failed before it answered).
 */
export type ThreadOutcome =
  | { results: boolean[] }
  | { overran: number; before: boolean[] }
  | { unavailable: true };

interface Pending {
  id: number;
  count: number;
  budgetMs: number;
  resolve: (outcome: ThreadOutcome) => void;
}

const setIds = new WeakMap<readonly RegExp[], number>();
let nextSetId = 1;

export class RegexThread {
  readonly #control = new Int32Array(
    new SharedArrayBuffer((HEADER + RESULT_SLOTS) * Int32Array.BYTES_PER_ELEMENT),
  );
  readonly #worker: Worker;
  /** jobs sent and not answered, in the order sent (the order the thread runs them) */
  readonly #queue: Pending[] = [];
  /** the timer of the job at the head of the queue */
  #timer: NodeJS.Timeout | null = null;
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
    this.#worker.on('messageerror', () => this.end());
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

  /**
   * Tests every pattern against `text` in the thread, giving up when one of them runs longer than
   * `budgetMs` from when the thread starts the job.
   */
  run(patterns: readonly RegExp[], text: string, budgetMs: number): Promise<ThreadOutcome> {
    if (this.#nextJob >= MAX_JOBS) this.end();
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
      this.#queue.push({ id, count: patterns.length, budgetMs, resolve });
      if (this.#queue.length === 1) this.#arm();
      try {
        this.#worker.postMessage(job);
      } catch {
        this.end();
      }
    });
  }

  /** Sets the timer of the job now at the head of the queue (none when the queue is empty). */
  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const head = this.#queue[0];
    if (head) this.#timer = setTimeout(() => this.#deadline(head), head.budgetMs);
  }

  #answer(answer: Answer): void {
    const head = this.#queue[0];
    // answers come in the order the jobs were sent; anything else means the two sides disagree
    if (head?.id !== answer.id) {
      this.end();
      return;
    }
    this.#queue.shift();
    this.#arm();
    if ('results' in answer) {
      this.#answered++;
      head.resolve({ results: answer.results });
    } else {
      // the thread no longer held the set (it should not happen: the lists are kept alike); sent again next time
      this.#sets.length = 0;
      head.resolve({ unavailable: true });
    }
  }

  /**
   * The head job's budget is up. If the thread is testing one of its patterns, that pattern overran. If the
   * thread has not started the job yet, or has finished it and its answer is on the way (the thread was not
   * given a core in time), it gets another budget.
   */
  #deadline(job: Pending): void {
    if (this.#queue[0] !== job) return;
    const started = Atomics.load(this.#control, STARTED);
    const current = Atomics.load(this.#control, CURRENT);
    const finished = Atomics.load(this.#control, FINISHED);
    if (started !== job.id || current < 0 || finished >= job.id) {
      this.#timer = setTimeout(() => this.#deadline(job), job.budgetMs);
      return;
    }
    const overran = Math.min(current, job.count - 1);
    const before = Array.from({ length: overran }, (_, i) =>
      i < RESULT_SLOTS ? Atomics.load(this.#control, HEADER + i) === 1 : false,
    );
    this.#queue.shift();
    // a slot past the shared ones has no result here: the caller runs those patterns again
    job.resolve({ overran, before: before.slice(0, Math.min(overran, RESULT_SLOTS)) });
    this.end();
  }

  /** Ends the thread (a runaway pattern in it stops with it); jobs still waiting are answered `unavailable`. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const { resolve } of this.#queue.splice(0)) resolve({ unavailable: true });
    void this.#worker.terminate();
  }
}
