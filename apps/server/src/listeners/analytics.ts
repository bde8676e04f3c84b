import { conversationChangeEvents } from '@tandem/domain';
import { purgeDue } from '../analytics/retention.ts';
import { createAnalyticsUpdater } from '../analytics/updater.ts';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';

/** The durable sweep and the purge job run this often (the event path keeps figures fresh in between). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Analytics after commit: every conversation event notes the conversation; a flush a moment later recomputes
 * the noted conversations' facts and the rollups of the hours they changed (many events of one conversation
 * cost one recomputation). Nothing here touches the message path: noting is a set insert. A sweep over the
 * database (a mark in `analytics_sweep`) catches what a crash lost, provisional bot resolutions are decided
 * when their 24 hours pass, and the retention purge runs from its timer in the database.
 */
export function startAnalytics(ctx: AppContext, options: { flushMs: number }): Array<() => void> {
  const updater = createAnalyticsUpdater(ctx.store.db);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const run = (what: string, work: () => Promise<unknown>) => {
    running = running
      .then(() => (closed ? undefined : work()))
      .then(() => undefined)
      .catch((error: unknown) =>
        ctx.log.error({ err: safeError(error) }, `analytics ${what} failed; retried later`),
      );
    return running;
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void run('update', () => updater.flush());
    }, options.flushMs);
    timer.unref();
  };
  const touch = (conversationId: string) => {
    updater.touch(conversationId);
    schedule();
  };
  const unsubscribe = conversationChangeEvents.map((name) =>
    ctx.events.subscribe(name, ({ conversation }) => touch(conversation.id)),
  );
  // the bot's replies carry the intent; a customer's message may open nothing new: both only note it
  unsubscribe.push(
    ctx.events.subscribe('message.created', ({ conversation, message }) => {
      if (message.authorKind === 'bot' || message.authorKind === 'agent') touch(conversation.id);
    }),
  );
  const tick = () =>
    run('sweep', async () => {
      await updater.sweep();
      await purgeDue(ctx.store.db);
    });
  void tick();
  const sweeper = setInterval(tick, SWEEP_EVERY_MS);
  sweeper.unref();
  return [
    ...unsubscribe,
    () => {
      closed = true;
      clearInterval(sweeper);
      if (timer) clearTimeout(timer);
    },
  ];
}
