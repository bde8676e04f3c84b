import { conversationChangeEvents } from '@tandem/domain';
import { purgeDue } from '../analytics/retention.ts';
import { singleFlight } from '../analytics/singleFlight.ts';
import { createAnalyticsUpdater } from '../analytics/updater.ts';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';
import type { StopListener } from './stopListener.ts';

/** The durable sweep and the purge job run this often (the event path keeps figures fresh in between). */
const SWEEP_EVERY_MS = 60_000;
/** A sweep that ran out of its budget (a backfill) goes on after this pause. */
const SWEEP_AGAIN_MS = 1_000;
/** How often rollups whose delay passed are recomputed when no event comes: half the delay, within bounds. */
const rollupTickMs = (delayMs: number) => Math.min(5_000, Math.max(250, Math.round(delayMs / 2)));

/**
 * Analytics after commit: every conversation event notes the conversation; a flush a moment later recomputes
 * the noted conversations' facts (many events of one conversation cost one recomputation), and the rollups of
 * the hours they changed are recomputed at most every `rollupDelayMs` (ANALYTICS_ROLLUP_DELAY_MS, default
 * 10 s: on PGlite, which runs one statement at a time, rebuilding a busy hour every second would delay customers). Nothing here touches the message
 * path: noting is a set insert. The flush, the sweep (a mark in `analytics_sweep`, catching what a crash
 * lost and deciding provisional bot resolutions when their 24 hours pass) and the retention purge (its timer
 * in the database) are each single-flight: a pass slower than its timer is followed by one more, never a
 * growing queue.
 */
export function startAnalytics(
  ctx: AppContext,
  options: { flushMs: number; rollupDelayMs: number },
): StopListener[] {
  const { rollupDelayMs } = options;
  const updater = createAnalyticsUpdater(ctx.store.db, () => new Date(), { rollupDelayMs });
  const failed = (what: string) => (error: unknown) =>
    ctx.log.error({ err: safeError(error) }, `analytics ${what} failed; retried later`);
  let timer: NodeJS.Timeout | null = null;
  let sweepAgain: NodeJS.Timeout | null = null;
  // a flush recomputes a bounded number of conversations: what is left waits for the next one
  const flush = singleFlight(async () => {
    await updater.flush();
    if (updater.pendingCount > 0) arm();
  }, failed('update'));
  const sweep = singleFlight(async () => {
    const { more } = await updater.sweep();
    if (more && !sweepAgain) {
      sweepAgain = setTimeout(() => {
        sweepAgain = null;
        void sweep.trigger();
      }, SWEEP_AGAIN_MS);
      sweepAgain.unref();
    }
  }, failed('sweep'));
  const purge = singleFlight(() => purgeDue(ctx.store.db), failed('purge'));

  const arm = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flush.trigger();
    }, options.flushMs);
    timer.unref();
  };
  const touch = (conversationId: string) => {
    updater.touch(conversationId);
    arm();
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
  const tick = () => {
    void sweep.trigger();
    void purge.trigger();
  };
  tick();
  const sweeper = setInterval(tick, SWEEP_EVERY_MS);
  sweeper.unref();
  const rollups = setInterval(() => void flush.trigger(), rollupTickMs(rollupDelayMs));
  rollups.unref();
  return [
    ...unsubscribe,
    () => {
      clearInterval(sweeper);
      clearInterval(rollups);
      if (timer) clearTimeout(timer);
      if (sweepAgain) clearTimeout(sweepAgain);
      return Promise.all([flush, sweep, purge].map((job) => job.stop()));
    },
  ];
}
