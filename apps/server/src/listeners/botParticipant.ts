import type { AppContext } from '../context.ts';

/** How many owed conversations a recovery pass picks up at once. */
const RECOVER_BATCH = 500;

/**
 * The bot as a participant: every customer message in a conversation the bot holds schedules a turn
 * (bot/turnQueue.ts runs it after the customer's acknowledgement, one turn at a time per conversation).
 * What the bot owes lives in the database, so `recover` finds it again after a restart, and a periodic
 * sweep retries turns that failed.
 */
export function startBotParticipant(ctx: AppContext, options: { sweepMs: number }): () => void {
  const off = ctx.events.subscribe('message.created', (event) => {
    const { message, conversation, contact, previousCustomerSeq } = event;
    // the bot holds the conversation, or keeps watch while the customer waits for a person
    if (message.authorKind !== 'customer') return;
    if (conversation.status !== 'bot' && conversation.status !== 'queued') return;
    // when the bot had answered the customer's previous message, this one is all it owes
    const alone = previousCustomerSeq !== undefined && previousCustomerSeq <= conversation.botSeq;
    ctx.botTurns.schedule({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      contactId: conversation.contactId,
      conversation,
      contact: contact ?? null,
      since: Date.now(),
      knownOwed: alone ? [message] : null,
      ...(previousCustomerSeq !== undefined ? { previousCustomerSeq } : {}),
    });
  });
  let sweeping: Promise<unknown> | null = null;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = recoverOwedTurns(ctx)
      .catch((error: unknown) =>
        ctx.log.error({ err: error }, 'could not look for unanswered customer messages'),
      )
      .finally(() => {
        sweeping = null;
      });
  }, options.sweepMs);
  sweep.unref();
  return () => {
    off();
    clearInterval(sweep);
    return sweeping ?? undefined;
  };
}

/** Schedules a turn for every conversation whose customer the bot still owes a reply (after a restart too). */
export async function recoverOwedTurns(ctx: AppContext): Promise<number> {
  const owed = await ctx.store.conversations.listBotOwed(RECOVER_BATCH);
  for (const conversation of owed) {
    ctx.botTurns.schedule({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      contactId: conversation.contactId,
      conversation,
      contact: null,
      since: conversation.updatedAt.getTime(),
    });
  }
  return owed.length;
}
