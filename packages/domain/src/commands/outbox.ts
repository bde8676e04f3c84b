import type { DomainEventMap, DomainEventName, EventBus } from '../events.ts';

type Pending = { [K in DomainEventName]: { name: K; payload: DomainEventMap[K] } }[DomainEventName];

/**
 * The events a command collects while its transaction runs, published only after the commit (a rolled-back
 * command publishes nothing).
 */
export function createOutbox() {
  const pending: Pending[] = [];
  return {
    add<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
      pending.push({ name, payload } as Pending);
    },
    /** forgets what was collected: a transaction run again from the start collects its events anew */
    clear(): void {
      pending.length = 0;
    },
    publish(events: EventBus): void {
      for (const event of pending.splice(0)) events.publish(event.name, event.payload as never);
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
