import type { DomainEventHandler, DomainEventMap, DomainEventName, EventBus } from '@tandem/domain';

type AnyHandler = (payload: unknown) => void | Promise<void>;

/**
 * In-process event bus: the embedded default. `publish` returns at once; listeners run on the next turn of
 * the event loop (after the publisher's acknowledgement is written), each on its own, so a slow listener
 * delays no other and a failing one is reported through `onError` and stops nothing.
 */
export function createMemoryEventBus(onError: (error: unknown, event: DomainEventName) => void): EventBus {
  const handlers = new Map<DomainEventName, Set<AnyHandler>>();
  let running = 0;
  const idle: Array<() => void> = [];

  const settle = () => {
    running -= 1;
    if (running === 0) for (const resolve of idle.splice(0)) resolve();
  };

  const run = (handler: AnyHandler, payload: unknown, name: DomainEventName) => {
    running += 1;
    setImmediate(() => {
      let result: void | Promise<void>;
      try {
        result = handler(payload);
      } catch (error) {
        onError(error, name);
        settle();
        return;
      }
      if (result && typeof result.then === 'function') {
        result.then(settle, (error: unknown) => {
          onError(error, name);
          settle();
        });
      } else settle();
    });
  };

  return {
    publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]) {
      for (const handler of handlers.get(name) ?? []) run(handler, payload, name);
    },
    subscribe<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>) {
      const set = handlers.get(name) ?? new Set<AnyHandler>();
      handlers.set(name, set);
      set.add(handler as AnyHandler);
      return () => set.delete(handler as AnyHandler);
    },
    drain() {
      if (running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
