import type { Conversation } from '@tandem/domain';

/** What the rest of the server asks of the router (`router.ts`); kept apart so the context can name it. */
export interface Router {
  /** a queue of the workspace may have changed: a routing pass runs soon (coalesced) */
  schedule(workspaceId: string): void;
  /** the customer's widget (re)connected: their place in the queue is sent again */
  resend(conversationId: string): void;
  /** one tick of the timers kept in the database: offers that ran out, people offline past their grace */
  tick(now?: Date): Promise<void>;
  /** the slower timers: SLA warnings and breaches, nudges, idle conversations */
  serviceTick(now?: Date): Promise<void>;
  /** a conversation was queued: when nobody can take it now, the customer is told (and may leave a message) */
  checkAvailability(conversation: Conversation): Promise<void>;
  /** resolves when no pass is running or scheduled */
  idle(): Promise<void>;
  stop(): void;
}
