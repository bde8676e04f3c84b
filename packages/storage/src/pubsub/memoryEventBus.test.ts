import type { DomainEventMap, DomainEventName } from '@tandem/domain';
import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from './memoryEventBus.ts';

const presence = (userId: string): DomainEventMap['presence.changed'] => ({
  workspaceId: 'w1',
  userId,
  presence: 'online',
});

/** A promise with its resolve and reject at hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function collectingBus() {
  const errors: Array<{ error: unknown; event: DomainEventName }> = [];
  const bus = createMemoryEventBus((error, event) => errors.push({ error, event }));
  return { bus, errors };
}

describe('memory event bus', () => {
  it('returns from publish before any listener runs', async () => {
    const { bus } = collectingBus();
    const calls: string[] = [];
    const ran = deferred();
    bus.subscribe('presence.changed', ({ userId }) => {
      calls.push(userId);
      ran.resolve();
    });
    bus.publish('presence.changed', presence('u1'));
    calls.push('after publish');
    // the publisher's synchronous continuation and its microtasks (an acknowledgement) come first
    await Promise.resolve();
    calls.push('after a microtask');
    await ran.promise;
    expect(calls).toEqual(['after publish', 'after a microtask', 'u1']);
  });

  it('reports a listener that throws or rejects, and still runs the others', async () => {
    const { bus, errors } = collectingBus();
    const thrown = new Error('thrown');
    const rejected = new Error('rejected');
    const seen: string[] = [];
    bus.subscribe('presence.changed', () => {
      throw thrown;
    });
    bus.subscribe('presence.changed', async () => {
      await Promise.resolve();
      throw rejected;
    });
    bus.subscribe('presence.changed', ({ userId }) => {
      seen.push(`sync ${userId}`);
    });
    bus.subscribe('presence.changed', async ({ userId }) => {
      await Promise.resolve();
      seen.push(`async ${userId}`);
    });
    bus.publish('presence.changed', presence('u1'));
    await bus.drain();
    expect(seen.sort()).toEqual(['async u1', 'sync u1']);
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      expect.arrayContaining([
        { error: thrown, event: 'presence.changed' },
        { error: rejected, event: 'presence.changed' },
      ]),
    );
    // the bus keeps working after failures
    bus.publish('presence.changed', presence('u2'));
    await bus.drain();
    expect(seen).toContain('sync u2');
    expect(seen).toContain('async u2');
    expect(errors).toHaveLength(4);
  });

  it('does not let a slow listener delay another listener of the same event', async () => {
    const { bus, errors } = collectingBus();
    const gate = deferred();
    const slowStarted = deferred();
    const fastDone = deferred<string>();
    let slowFinished = false;
    bus.subscribe('presence.changed', async () => {
      slowStarted.resolve();
      await gate.promise;
      slowFinished = true;
    });
    bus.subscribe('presence.changed', ({ userId }) => fastDone.resolve(userId));
    bus.publish('presence.changed', presence('u1'));
    await slowStarted.promise;
    // the fast listener finishes while the slow one is still waiting on a promise nobody resolved yet
    expect(await fastDone.promise).toBe('u1');
    expect(slowFinished).toBe(false);
    gate.resolve();
    await bus.drain();
    expect(slowFinished).toBe(true);
    expect(errors).toEqual([]);
  });

  it('drains only once the running listeners have finished', async () => {
    const { bus, errors } = collectingBus();
    // nothing running: resolves at once
    await expect(bus.drain()).resolves.toBeUndefined();
    const gate = deferred();
    const started = deferred();
    bus.subscribe('presence.changed', async () => {
      started.resolve();
      await gate.promise;
    });
    bus.publish('presence.changed', presence('u1'));
    let drained = false;
    const drain = bus.drain().then(() => {
      drained = true;
    });
    await started.promise;
    // let everything that could run run (many macrotask turns): the listener still waits, so drain must too
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    gate.resolve();
    await drain;
    expect(drained).toBe(true);
    // a rejection counts as finished too
    const failing = deferred();
    const failingStarted = deferred();
    bus.subscribe('session.ended', () => {
      failingStarted.resolve();
      return failing.promise;
    });
    bus.publish('session.ended', { userId: 'u1', sessionHash: 'h' });
    const second = bus.drain();
    await failingStarted.promise;
    failing.reject(new Error('gone'));
    await second;
    expect(errors.map((e) => e.event)).toEqual(['session.ended']);
  });

  it('stops calling a listener after it unsubscribed', async () => {
    const { bus } = collectingBus();
    const seen: string[] = [];
    const off = bus.subscribe('presence.changed', ({ userId }) => {
      seen.push(userId);
    });
    bus.publish('presence.changed', presence('u1'));
    await bus.drain();
    off();
    bus.publish('presence.changed', presence('u2'));
    await bus.drain();
    expect(seen).toEqual(['u1']);
  });
});
