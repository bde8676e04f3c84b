import type { HandoffReason, HandoffTarget, Presence, TransferTarget } from '@tandem/protocol';
import type {
  Actor,
  Contact,
  Conversation,
  EmotionReading,
  Message,
  Ticket,
  TicketReply,
} from './records.ts';

/** What every conversation event carries: the conversation as committed, and who caused the change. */
interface ConversationChange {
  conversation: Conversation;
  actor: Actor;
  /** the assignee's display name when the command knew it (saves listeners a look-up) */
  assigneeName?: string | null;
  /** a pending offer this change ended (the person offered it is told it is gone) */
  endedOfferTo?: string;
}

/**
 * Domain events, built from a command's committed result and published after the commit. Listeners, one per
 * concern (apps/server/src/listeners/): realtime fan-out, the bot participant, the staff inbox, later
 * analytics and webhooks.
 */
export interface DomainEventMap {
  /** a conversation was started (by a customer's first message or request for a person); a first message
   * carries the customer and the message, as the command saw them */
  'conversation.opened': ConversationChange & { contact?: Contact; firstMessage?: Message };
  /** handed to the human queue */
  'conversation.queued': ConversationChange & { reason: HandoffReason; target: HandoffTarget };
  /** a person took it */
  'conversation.assigned': ConversationChange;
  /** back in the queue: its person put it back, went offline past the grace period, or left it unanswered */
  'conversation.released': ConversationChange & { why?: 'released' | 'agent_offline' | 'unanswered' };
  /** moved to another queue or person, with a note for the receiver */
  'conversation.transferred': ConversationChange & {
    from: { userId: string | null; teamId: string | null };
    to: TransferTarget;
    note: string | null;
  };
  /** given back to the bot */
  'conversation.handedBack': ConversationChange;
  /** offered to a person until `expiresAt` */
  'conversation.offered': ConversationChange & { userId: string; expiresAt: Date };
  /** an offer ended without being accepted */
  'conversation.offerEnded': ConversationChange & {
    userId: string;
    why: 'declined' | 'expired' | 'withdrawn';
  };
  /** the customer rated it */
  'conversation.rated': ConversationChange;
  /** an expert joined (or left) to consult */
  'conversation.consulted': ConversationChange & { userId: string; joined: boolean };
  /** an SLA deadline is near (warning) or passed (breach) */
  'conversation.sla': ConversationChange & {
    kind: 'first_response' | 'resolution';
    level: 'warning' | 'breach';
    dueAt: Date;
  };
  /** the person serving left the customer unanswered too long */
  'conversation.nudged': ConversationChange & { userId: string };
  /** the customer left a message for later (staff reply in the widget and by e-mail) */
  'ticket.created': { ticket: Ticket };
  'ticket.updated': { ticket: Ticket; reply?: TicketReply };
  'conversation.resolved': ConversationChange;
  /** a resolved conversation was taken up again, by the person now serving it */
  'conversation.reopened': ConversationChange;
  'conversation.closed': ConversationChange;
  /** read receipts: the customer has seen the messages up to `seq` (the conversation as stored with it) */
  'conversation.read': { conversation: Conversation; seq: number };
  /** what the bot learnt changed: tags, priority */
  'conversation.annotated': ConversationChange;
  /**
   * A message was stored. `contact` is set for customer messages (the sender, as the command saw it);
   * `authorName` for agent messages.
   */
  'message.created': {
    message: Message;
    conversation: Conversation;
    contact?: Contact;
    authorName?: string;
    /** customer messages: the customer's previous message's seq in the conversation (0: none) — when the bot
     * had answered it, this message is all the bot owes, and the bot need not read what it owes */
    previousCustomerSeq?: number;
  };
  'presence.changed': { workspaceId: string; userId: string; presence: Presence };
  /** a staff session ended (sign-out): its live connections must close */
  'session.ended': { userId: string; sessionHash: string };
  /** a workspace's bot changed what it knows: training started, went live, or failed (the old one stays) */
  'bot.status': {
    workspaceId: string;
    state: 'training' | 'live' | 'failed';
    /** increases with every change staff make; `live` for version N means every save up to N answers */
    version: number;
    error?: string;
  };
}

export type DomainEventName = keyof DomainEventMap;
export type DomainEventHandler<K extends DomainEventName> = (
  payload: DomainEventMap[K],
) => void | Promise<void>;

/** The events that change a conversation's state or what staff see of it. */
export const conversationChangeEvents = [
  'conversation.opened',
  'conversation.queued',
  'conversation.assigned',
  'conversation.released',
  'conversation.transferred',
  'conversation.handedBack',
  'conversation.offered',
  'conversation.offerEnded',
  'conversation.rated',
  'conversation.consulted',
  'conversation.sla',
  'conversation.resolved',
  'conversation.reopened',
  'conversation.closed',
  'conversation.annotated',
] as const satisfies readonly DomainEventName[];
export type ConversationChangeEvent = (typeof conversationChangeEvents)[number];

/**
 * Publish/subscribe of domain events; in-process by default, Redis-backed when scaled out.
 * `publish` never waits for listeners: they run after the caller's current work (its acknowledgement),
 * each isolated, so a slow or failing listener delays nobody.
 */
export interface EventBus {
  publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void;
  subscribe<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): () => void;
  /** resolves when every listener started so far has finished (for a graceful shutdown) */
  drain(): Promise<void>;
}

/** Reads a customer message once (language, emotion, entities); the result is passed on, never recomputed. */
export interface MessageAnnotation {
  lang: 'zh' | 'en';
  /** stored on the message (staff see it) and passed to the bot */
  meta: Record<string, unknown>;
  /** appended to the conversation's emotion trajectory (for staff and routing) */
  emotion: EmotionReading | null;
}

export interface Annotator {
  annotate(text: string, lang: 'zh' | 'en' | null): MessageAnnotation;
}

/** Whether the bot can take more work now (bounded backlog): when not, a customer's message is refused as `busy`. */
export interface BotCapacity {
  accepting(workspaceId: string): boolean;
}

/** Everything a command needs. */
export interface Deps {
  store: import('./ports.ts').Store;
  events: EventBus;
  annotator?: Annotator;
  botCapacity?: BotCapacity;
}
