import type { BotCapacity, Contact, Conversation, Message } from '@tandem/domain';

/** A conversation whose customer the bot owes a reply, with the freshest snapshot known here. */
export interface TurnJob {
  conversationId: string;
  workspaceId: string;
  contactId: string;
  conversation: Conversation | null;
  contact: Contact | null;
  /** when the oldest unanswered message of this job arrived here */
  since: number;
  /** every message the bot owes, when the events that scheduled the job prove it (else it reads them) */
  knownOwed?: Message[] | null;
  /** for a job made from one message: the customer's message before it (0: none) */
  previousCustomerSeq?: number;
}

/** The owed messages of two jobs of one conversation together, when the second follows on the first. */
function chain(first: TurnJob, next: TurnJob): Message[] | null {
  const known = first.knownOwed;
  const last = known?.at(-1);
  if (!known || !last || !next.knownOwed || next.previousCustomerSeq !== last.seq) return null;
  return [...known, ...next.knownOwed];
}

export interface TurnQueueOptions {
  /** turns running at once (CPU-bound engine work interleaved with database round trips) */
  concurrency: number;
  /** conversations waiting for the bot before new customer messages to the bot are refused as `busy` */
  maxBacklog: number;
  /** the longest the oldest waiting turn may wait before new customer messages are refused as `busy` */
  maxWaitMs: number;
  /** a turn that waited longer than this for a customer who is no longer connected waits for their return */
  staleMs: number;
  /** runs one turn; returns the conversation as the turn left it (or null when nothing is owed any more) */
  run: (job: TurnJob) => Promise<Conversation | null>;
  /** whether the customer has a live connection (their reply is not worth computing ahead of others' if not) */
  isOnline: (contactId: string) => boolean;
  onError: (error: unknown, job: TurnJob) => void;
  now?: () => number;
}

/**
 * The bot's work queue: one turn at a time per conversation (messages that arrive meanwhile are answered by
 * the next turn of that conversation), different conversations in parallel up to `concurrency`, in arrival
 * order. Bounded: `accepting()` turns false when the backlog is long or old, and the caller refuses new work
 * with a clear code instead of queueing minutes of it. The queue is only a schedule: what is owed lives in
 * the database (`customer_seq > bot_seq`), so nothing is lost when the process stops.
 */
export function createTurnQueue(options: TurnQueueOptions) {
  const now = options.now ?? Date.now;
  const waiting = new Map<string, TurnJob>();
  const running = new Map<string, TurnJob>();
  /** conversations that got new work while their turn ran */
  const again = new Map<string, TurnJob>();
  /** stale jobs put aside until their customer reconnects (by contact) */
  const parked = new Map<string, TurnJob>();
  let closed = false;
  const idle: Array<() => void> = [];

  const merge = (into: TurnJob, job: TurnJob): TurnJob => ({
    ...into,
    conversation:
      job.conversation && (!into.conversation || job.conversation.lastSeq >= into.conversation.lastSeq)
        ? job.conversation
        : into.conversation,
    contact: job.contact ?? into.contact,
    since: Math.min(into.since, job.since),
    knownOwed: chain(into, job),
  });

  function pump(): void {
    while (!closed && running.size < options.concurrency && waiting.size > 0) {
      const [id, job] = waiting.entries().next().value as [string, TurnJob];
      waiting.delete(id);
      if (now() - job.since > options.staleMs && !options.isOnline(job.contactId)) {
        parked.set(job.contactId, job);
        continue;
      }
      running.set(id, job);
      void options
        .run(job)
        .then(
          (conversation) => conversation,
          (error: unknown) => {
            options.onError(error, job);
            return null;
          },
        )
        .then((conversation) => {
          running.delete(id);
          const more = again.get(id);
          if (more) {
            again.delete(id);
            const fresher =
              conversation && (!more.conversation || conversation.lastSeq >= more.conversation.lastSeq)
                ? { ...more, conversation }
                : more;
            waiting.set(id, fresher);
          }
          pump();
          if (running.size === 0 && waiting.size === 0) for (const resolve of idle.splice(0)) resolve();
        });
    }
  }

  const capacity: BotCapacity & {
    schedule(job: TurnJob): void;
    /** the customer is back: their put-aside turn runs now */
    resume(contactId: string): void;
    stats(): { waiting: number; running: number; parked: number; oldestWaitMs: number };
    /** stops starting turns; resolves when the running ones finished */
    close(): Promise<void>;
  } = {
    accepting() {
      if (waiting.size >= options.maxBacklog) return false;
      const oldest = waiting.values().next().value as TurnJob | undefined;
      return !oldest || now() - oldest.since <= options.maxWaitMs;
    },
    schedule(job) {
      if (closed) return;
      const id = job.conversationId;
      parked.delete(job.contactId);
      if (running.has(id)) {
        const pending = again.get(id);
        again.set(id, pending ? merge(pending, job) : job);
        return;
      }
      const pending = waiting.get(id);
      waiting.set(id, pending ? merge(pending, job) : job);
      pump();
    },
    resume(contactId) {
      const job = parked.get(contactId);
      if (!job) return;
      parked.delete(contactId);
      capacity.schedule({ ...job, since: now() });
    },
    stats() {
      const oldest = waiting.values().next().value as TurnJob | undefined;
      return {
        waiting: waiting.size,
        running: running.size,
        parked: parked.size,
        oldestWaitMs: oldest ? now() - oldest.since : 0,
      };
    },
    close() {
      closed = true;
      waiting.clear();
      again.clear();
      if (running.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
  return capacity;
}
export type TurnQueue = ReturnType<typeof createTurnQueue>;
