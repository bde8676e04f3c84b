import type { DomainEventHandler, DomainEventMap, DomainEventName, EventBus } from '@tandem/domain';

type AnyHandler = (payload: unknown) => void | Promise<void>;

/**
 * In-process event bus: the embedded default. Handlers run one after another; a failing handler is
 * reported through `onError` and never stops the others or the publisher.
 */
export function createMemoryEventBus(onError: (error: unknown, event: DomainEventName) => void): EventBus {
  const handlers = new Map<DomainEventName, Set<AnyHandler>>();
  return {
    async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]) {
      for (const handler of handlers.get(name) ?? []) {
        try {
          await handler(payload);
        } catch (error) {
          onError(error, name);
        }
      }
    },
    subscribe<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>) {
      const set = handlers.get(name) ?? new Set<AnyHandler>();
      handlers.set(name, set);
      set.add(handler as AnyHandler);
      return () => set.delete(handler as AnyHandler);
    },
  };
}
