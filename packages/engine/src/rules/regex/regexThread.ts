import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * A long-lived thread that tests patterns for the calling thread, which waits for it synchronously
 * (`Atomics.wait`) up to a deadline. It replaces, for the ordinary case, a `node:vm` call with a timeout,
 * which starts and joins a watchdog thread on every call: about 150 µs per message on a quiet machine and
 * 0.3–1 ms when the cores are busy (the join waits for the scheduler), measured as a quarter of the loaded
 * server's main thread. Handing a job to a waiting thread costs two wake-ups (about 25 µs quiet, 80 µs busy).
 *
 * A pattern that overruns is not stopped inside the thread: the caller gives up at its deadline, ends the
 * thread (`terminate`) and starts another in the background; until that one is ready, `runner.ts` uses the
 * `vm` path again. The control block holds four counters (Int32): the last job sent, the last job answered,
 * the index of the pattern being tested, and whether the thread is ready.
 */
const REQUEST = 0;
const ANSWER = 1;
const CURRENT = 2;
const READY = 3;

/** What one job sent to the thread looks like. `patterns` only when the thread may not have that set yet. */
interface Job {
  set: number;
  patterns?: { source: string; flags: string }[];
  text: string;
}
/** Its answer: every pattern's result, or `missing` when the thread no longer holds the set. */
type Answer = { results: boolean[] } | { missing: true };

/**
 * The thread's code, self-contained (no imports beyond `node:worker_threads`), run with `eval` so that it
 * needs no bundle of its own. It keeps the last 64 pattern sets it was sent, compiled.
 */
const THREAD_CODE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { control, port } = workerData;
const sets = new Map();
let seen = 0;
Atomics.store(control, ${READY}, 1);
require('node:worker_threads').parentPort.postMessage('ready');
for (;;) {
  Atomics.wait(control, ${REQUEST}, seen);
  const request = Atomics.load(control, ${REQUEST});
  if (request === seen) continue;
  seen = request;
  let received = receiveMessageOnPort(port);
  while (received === undefined) received = receiveMessageOnPort(port);
  const job = received.message;
  if (job.patterns) {
    sets.delete(job.set);
    sets.set(job.set, job.patterns.map((p) => new RegExp(p.source, p.flags)));
    if (sets.size > 64) sets.delete(sets.keys().next().value);
  }
  const patterns = sets.get(job.set);
  let answer;
  if (patterns === undefined) answer = { missing: true };
  else {
    const results = [];
    for (let i = 0; i < patterns.length; i++) {
      Atomics.store(control, ${CURRENT}, i);
      results.push(patterns[i].test(job.text));
    }
    answer = { results };
  }
  port.postMessage(answer);
  Atomics.store(control, ${ANSWER}, request);
  Atomics.notify(control, ${ANSWER});
}
`;

/**
 * The outcome of a job: all results, or the index of the pattern still running at the deadline (-1: the
 * thread had not started the job).
 */
export type ThreadOutcome = { results: boolean[] } | { overran: number };

const setIds = new WeakMap<readonly RegExp[], number>();
let nextSetId = 1;

export class RegexThread {
  readonly #control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  readonly #worker: Worker;
  readonly #port: MessagePort;
  /** sets this thread was sent (it may have dropped old ones since: it then answers `missing`) */
  readonly #sent = new Set<number>();
  #job = 0;
  #answered = 0;
  #ended = false;
  /** Settles when the thread is ready (true) or ended before it was (false). */
  readonly started: Promise<boolean>;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#worker = new Worker(THREAD_CODE, {
      eval: true,
      workerData: { control: this.#control, port: port2 },
      transferList: [port2],
      // a pattern set is small; a runaway pattern is stopped by `terminate`, not by running out of memory
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    // an idle thread does not keep the process alive, and a thread that dies is simply not used again
    this.#worker.unref();
    this.started = new Promise((resolve) => {
      this.#worker.once('message', () => resolve(true));
      this.#worker.once('exit', () => resolve(false));
    });
    this.#worker.on('error', () => this.end());
    this.#worker.on('exit', () => {
      this.#ended = true;
    });
  }

  /** True once the thread runs and has not been ended. */
  get ready(): boolean {
    return !this.#ended && Atomics.load(this.#control, READY) === 1;
  }

  /** How many jobs it answered. */
  get answered(): number {
    return this.#answered;
  }

  /** True once it was ended (a runaway pattern, an error) or exited: a new one is needed. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Tests every pattern against `text`, waiting at most until `deadline` (a `performance.now()` time). When
   * the deadline passes first, the thread is ended and the index of the pattern it was testing is returned.
   */
  run(patterns: readonly RegExp[], text: string, deadline: number): ThreadOutcome {
    let set = setIds.get(patterns);
    if (set === undefined) {
      set = nextSetId++;
      setIds.set(patterns, set);
    }
    let send = !this.#sent.has(set);
    for (;;) {
      const answer = this.#exchange(
        send
          ? { set, text, patterns: patterns.map((p) => ({ source: p.source, flags: p.flags })) }
          : { set, text },
        deadline,
      );
      if (answer === null) {
        const overran = Atomics.load(this.#control, CURRENT);
        this.end();
        return { overran };
      }
      this.#sent.add(set);
      if ('results' in answer) {
        this.#answered++;
        return answer;
      }
      send = true; // the thread dropped this set to make room for others: send it again
    }
  }

  #exchange(job: Job, deadline: number): Answer | null {
    const id = ++this.#job;
    Atomics.store(this.#control, CURRENT, -1);
    this.#port.postMessage(job);
    Atomics.store(this.#control, REQUEST, id);
    Atomics.notify(this.#control, REQUEST);
    for (;;) {
      const answered = Atomics.load(this.#control, ANSWER);
      if (answered === id) break;
      const left = deadline - performance.now();
      if (left <= 0 || this.#ended) return null;
      Atomics.wait(this.#control, ANSWER, answered, left);
    }
    const received = receiveMessageOnPort(this.#port);
    return (received?.message as Answer | undefined) ?? null;
  }

  /** Ends the thread (a runaway pattern in it stops with it); it is not used again. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#port.close();
    void this.#worker.terminate();
  }
}
