import type { Presence } from '@tandem/protocol';
import type { Conversation, Message } from './records.ts';

/** Domain events, published after the change is committed. Listeners: realtime fan-out, the bot, later analytics and webhooks. */
export interface DomainEventMap {
  'conversation.changed': { conversation: Conversation; command: string };
  'message.created': { message: Message; conversation: Conversation };
  'presence.changed': { workspaceId: string; userId: string; presence: Presence };
  /** a staff session ended (sign-out): its live connections must close */
  'session.ended': { userId: string; sessionHash: string };
}

export type DomainEventName = keyof DomainEventMap;
export type DomainEventHandler<K extends DomainEventName> = (
  payload: DomainEventMap[K],
) => void | Promise<void>;

/** Publish/subscribe of domain events; in-process by default, Redis-backed when scaled out. */
export interface EventBus {
  publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void>;
  subscribe<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): () => void;
}

/** Everything a command needs. */
export interface Deps {
  store: import('./ports.ts').Store;
  events: EventBus;
}
