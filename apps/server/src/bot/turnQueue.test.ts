import type { Conversation } from '@tandem/domain';
import { describe, expect, it } from 'vitest';
import { createTurnQueue, type TurnJob, type TurnQueueOptions } from './turnQueue.ts';

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every promise callback already queued run (the queue's bookkeeping after a turn ends). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const snapshot = (id: string, lastSeq: number) => ({ id, lastSeq }) as unknown as Conversation;

/**
 * A queue whose turns are promises the test resolves by hand, on a clock the test moves.
 * Conversation `cN` belongs to contact `kN`.
 */
function fakeQueue(options: Partial<TurnQueueOptions> = {}) {
  let clock = 1_000_000;
  const turns: Array<{ job: TurnJob; done: ReturnType<typeof deferred<Conversation | null>> }> = [];
  const errors: Array<{ error: unknown; job: TurnJob }> = [];
  const offline = new Set<string>();
  const queue = createTurnQueue({
    concurrency: 2,
    maxBacklog: 100,
    maxWaitMs: 3_000,
    staleMs: 30_000,
    run: (job) => {
      const done = deferred<Conversation | null>();
      turns.push({ job, done });
      return done.promise;
    },
    isOnline: (contactId) => !offline.has(contactId),
    onError: (error, job) => errors.push({ error, job }),
    now: () => clock,
    ...options,
  });
  const job = (n: number, lastSeq: number, since = clock): TurnJob => ({
    conversationId: `c${n}`,
    workspaceId: 'w',
    contactId: `k${n}`,
    conversation: snapshot(`c${n}`, lastSeq),
    contact: null,
    since,
  });
  /** ends the i-th turn started so far and lets the queue react */
  const finish = async (index: number, result: Conversation | null = null) => {
    turns[index]?.done.resolve(result);
    await settle();
  };
  const fail = async (index: number, error: unknown) => {
    turns[index]?.done.reject(error);
    await settle();
  };
  return {
    queue,
    turns,
    errors,
    offline,
    job,
    finish,
    fail,
    started: () => turns.map((t) => t.job.conversationId),
    advance: (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
}

describe('bot turn queue', () => {
  it('runs one turn at a time per conversation; messages during a turn make exactly one more, on the freshest snapshot', async () => {
    const q = fakeQueue();
    const firstSince = q.now();
    q.queue.schedule(q.job(1, 1));
    expect(q.started()).toEqual(['c1']);
    q.advance(100);
    q.queue.schedule(q.job(1, 2));
    q.queue.schedule(q.job(1, 4));
    q.queue.schedule(q.job(1, 3)); // an older snapshot arriving late does not win
    expect(q.started()).toEqual(['c1']);
    expect(q.queue.stats()).toMatchObject({ running: 1, waiting: 0 });

    await q.finish(0, null);
    expect(q.started()).toEqual(['c1', 'c1']);
    expect(q.turns[1]?.job.conversation?.lastSeq).toBe(4);
    expect(q.turns[1]?.job.since).toBe(firstSince + 100);

    // nothing arrived during the second turn: no third
    await q.finish(1, snapshot('c1', 5));
    expect(q.started()).toEqual(['c1', 'c1']);
    expect(q.queue.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('starts the next turn from the conversation as the turn left it when that is fresher', async () => {
    const q = fakeQueue();
    q.queue.schedule(q.job(1, 1));
    q.queue.schedule(q.job(1, 2));
    // the turn answered message 1 and stored a reply after message 2 arrived: lastSeq 3 is the freshest
    await q.finish(0, snapshot('c1', 3));
    expect(q.turns[1]?.job.conversation?.lastSeq).toBe(3);
    await q.finish(1);
    expect(q.turns).toHaveLength(2);
  });

  it('runs different conversations in parallel up to the concurrency, in arrival order', async () => {
    const q = fakeQueue({ concurrency: 2 });
    for (const n of [1, 2, 3, 4]) q.queue.schedule(q.job(n, 1));
    expect(q.started()).toEqual(['c1', 'c2']);
    expect(q.queue.stats()).toMatchObject({ running: 2, waiting: 2 });
    await q.finish(1);
    expect(q.started()).toEqual(['c1', 'c2', 'c3']);
    await q.finish(0);
    expect(q.started()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(q.queue.stats()).toMatchObject({ running: 2, waiting: 0 });
    await q.finish(2);
    await q.finish(3);
    expect(q.queue.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('stops accepting at the backlog limit and accepts again once it drained', async () => {
    const q = fakeQueue({ concurrency: 1, maxBacklog: 2 });
    expect(q.queue.accepting('w')).toBe(true);
    q.queue.schedule(q.job(1, 1)); // runs
    q.queue.schedule(q.job(2, 1)); // waits
    expect(q.queue.accepting('w')).toBe(true);
    q.queue.schedule(q.job(3, 1));
    expect(q.queue.stats().waiting).toBe(2);
    expect(q.queue.accepting('w')).toBe(false);
    // a further message of a waiting conversation adds no backlog
    q.queue.schedule(q.job(3, 2));
    expect(q.queue.stats().waiting).toBe(2);
    await q.finish(0);
    expect(q.queue.accepting('w')).toBe(true);
    await q.finish(1);
    await q.finish(2);
    expect(q.queue.accepting('w')).toBe(true);
    expect(q.started()).toEqual(['c1', 'c2', 'c3']);
    expect(q.turns[2]?.job.conversation?.lastSeq).toBe(2);
  });

  it('stops accepting when the oldest waiting turn waited too long, and accepts again once it ran', async () => {
    const q = fakeQueue({ concurrency: 1, maxWaitMs: 3_000 });
    q.queue.schedule(q.job(1, 1));
    q.queue.schedule(q.job(2, 1));
    q.advance(3_000);
    expect(q.queue.accepting('w')).toBe(true);
    expect(q.queue.stats().oldestWaitMs).toBe(3_000);
    q.advance(1);
    expect(q.queue.accepting('w')).toBe(false);
    await q.finish(0);
    // c2 runs now: nothing waits
    expect(q.started()).toEqual(['c1', 'c2']);
    expect(q.queue.accepting('w')).toBe(true);
    await q.finish(1);
    expect(q.queue.accepting('w')).toBe(true);
  });

  it('parks a stale turn of a customer who left, and runs it when they come back', async () => {
    const q = fakeQueue({ concurrency: 1, staleMs: 30_000 });
    q.offline.add('k2');
    q.queue.schedule(q.job(1, 1));
    q.queue.schedule(q.job(2, 1)); // customer k2, gone
    q.queue.schedule(q.job(3, 1)); // customer k3, still here
    q.advance(30_001);
    await q.finish(0);
    // c2 is stale and its customer offline: put aside; c3 is stale too but its customer is connected
    expect(q.started()).toEqual(['c1', 'c3']);
    expect(q.queue.stats()).toMatchObject({ parked: 1, waiting: 0, running: 1 });
    // parked work is no backlog
    expect(q.queue.accepting('w')).toBe(true);
    await q.finish(1);
    expect(q.started()).toEqual(['c1', 'c3']);

    q.offline.delete('k2');
    q.queue.resume('k2');
    expect(q.started()).toEqual(['c1', 'c3', 'c2']);
    expect(q.turns[2]?.job.since).toBe(q.now());
    expect(q.queue.stats()).toMatchObject({ parked: 0, running: 1 });
    // resuming again, or someone with nothing parked, does nothing
    q.queue.resume('k2');
    q.queue.resume('k9');
    expect(q.turns).toHaveLength(3);
    await q.finish(2);
  });

  it('unparks a turn when its customer writes again', async () => {
    const q = fakeQueue({ concurrency: 1, staleMs: 30_000 });
    q.offline.add('k2');
    q.queue.schedule(q.job(1, 1));
    q.queue.schedule(q.job(2, 1));
    q.advance(30_001);
    await q.finish(0);
    expect(q.queue.stats().parked).toBe(1);
    q.offline.delete('k2');
    q.queue.schedule(q.job(2, 2));
    expect(q.started()).toEqual(['c1', 'c2']);
    expect(q.turns[1]?.job.conversation?.lastSeq).toBe(2);
    expect(q.queue.stats().parked).toBe(0);
    await q.finish(1);
  });

  it('closes: no new turns start, and close resolves once the running ones ended', async () => {
    const q = fakeQueue({ concurrency: 2 });
    q.queue.schedule(q.job(1, 1));
    q.queue.schedule(q.job(2, 1));
    q.queue.schedule(q.job(3, 1)); // waiting
    q.queue.schedule(q.job(1, 2)); // would be c1's next turn
    let closed = false;
    const closing = q.queue.close().then(() => {
      closed = true;
    });
    q.queue.schedule(q.job(4, 1));
    await q.finish(0);
    expect(q.started()).toEqual(['c1', 'c2']);
    expect(closed).toBe(false);
    await q.finish(1);
    await closing;
    expect(closed).toBe(true);
    q.queue.schedule(q.job(5, 1));
    expect(q.started()).toEqual(['c1', 'c2']);
    // closing an idle queue resolves at once
    await expect(fakeQueue().queue.close()).resolves.toBeUndefined();
  });

  it('reports a failed turn and keeps going, including the turn owed to messages that arrived during it', async () => {
    const q = fakeQueue({ concurrency: 1 });
    q.queue.schedule(q.job(1, 1));
    q.queue.schedule(q.job(2, 1));
    q.queue.schedule(q.job(1, 2)); // arrives during c1's failing turn
    const boom = new Error('engine exploded');
    await q.fail(0, boom);
    expect(q.errors).toEqual([{ error: boom, job: expect.objectContaining({ conversationId: 'c1' }) }]);
    expect(q.started()).toEqual(['c1', 'c2']);
    await q.finish(1);
    expect(q.started()).toEqual(['c1', 'c2', 'c1']);
    expect(q.turns[2]?.job.conversation?.lastSeq).toBe(2);
    await q.finish(2);
    expect(q.queue.stats()).toMatchObject({ running: 0, waiting: 0 });
    expect(q.errors).toHaveLength(1);
  });
});
