import { DomainError } from '@tandem/domain';
import type { Ack } from '@tandem/protocol';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { toErrorBody } from '../http/errors.ts';
import { safeError } from '../http/logging.ts';
import { parseInput } from '../http/validation.ts';
import { createTokenBucket } from './tokenBucket.ts';

type AckFn = (result: Ack<unknown>) => void;

const MAX_EVENT_NAME_ECHO = 64;

/** Rate-limit refusals within REFUSAL_WINDOW_MS after which a connection is closed (the client ignores them). */
export const MAX_REFUSALS = 200;
/** A client that backs off when refused never comes near MAX_REFUSALS in this time. */
export const REFUSAL_WINDOW_MS = 60_000;

const rateLimited = () => new DomainError('rate_limited', 'too many events; slow down and retry');

/** Sockets that already answer unknown events (createHandler twice on one socket must not ack twice). */
const answeringUnknown = new WeakSet<Socket>();

/**
 * Registers a socket event handler behind the same edge as REST: rate limit → authorize → validate →
 * handler → ack. Every event with a callback gets exactly one ack; nothing a client sends can crash the process.
 *
 * Calling `createHandler(ctx, socket)` also answers every event that has an ack callback but no listener
 * on the socket with `{ ok: false, error: { code: 'bad_request', message: 'unknown event "…"' } }` — so a
 * namespace gets that by registering its handlers through the returned `on`. Events with a listener (ours or
 * one added with `socket.on`) are left to that listener, so nothing is acknowledged twice.
 *
 * The per-connection token bucket is `SOCKET_EVENT_BURST` events at once, refilled at `SOCKET_EVENTS_PER_SECOND`.
 */
export function createHandler(
  ctx: AppContext,
  socket: Socket,
  authorize: () => Promise<void> = async () => {},
) {
  // made at the first event: most customer connections stay idle and never need one
  let bucket: ReturnType<typeof createTokenBucket> | null = null;
  // a client that ignores `rate_limited` and keeps sending costs the server work for every refusal: after
  // MAX_REFUSALS refusals within one window its connection is closed. Counted per window, not "in a row": a
  // flood that the bucket's refill lets one event through now and then is still a flood.
  let refusals = 0;
  let windowStart = 0;
  const take = (): boolean => {
    bucket ??= createTokenBucket({
      capacity: ctx.config.socketEventBurst,
      refillPerSecond: ctx.config.socketEventsPerSecond,
    });
    if (bucket.take()) return true;
    const now = Date.now();
    if (now - windowStart > REFUSAL_WINDOW_MS) {
      windowStart = now;
      refusals = 0;
    }
    refusals += 1;
    if (refusals === MAX_REFUSALS) {
      ctx.log.warn({ namespace: socket.nsp.name }, 'socket kept sending past its rate limit; disconnected');
      socket.disconnect(true);
    }
    return false;
  };
  const fail = (ack: AckFn, error: unknown, event: string) => {
    const body = toErrorBody(error);
    if (body.code === 'internal') ctx.log.error({ err: safeError(error), event }, 'socket handler failed');
    ack({ ok: false, error: body });
  };

  if (!answeringUnknown.has(socket)) {
    answeringUnknown.add(socket);
    socket.onAny((event: unknown, ...args: unknown[]) => {
      try {
        const last = args.at(-1);
        if (typeof last !== 'function') return; // nothing to answer
        if (socket.listenerCount(event as string) > 0) return; // its handler answers
        const ack = last as AckFn;
        if (!take()) return fail(ack, rateLimited(), 'unknown');
        const name = String(event).slice(0, MAX_EVENT_NAME_ECHO);
        ack({ ok: false, error: { code: 'bad_request', message: `unknown event "${name}"` } });
      } catch (error) {
        ctx.log.error({ err: safeError(error) }, 'answering an unknown socket event failed');
      }
    });
  }

  return function on<S extends z.ZodType, T>(
    event: string,
    schema: S,
    handler: (payload: z.output<S>) => Promise<T>,
  ): void {
    socket.on(event, async (...args: unknown[]) => {
      const last = args.at(-1);
      const ack: AckFn = typeof last === 'function' ? (last as AckFn) : () => undefined;
      try {
        if (!take()) throw rateLimited();
        await authorize();
        const payload = parseInput(
          schema,
          typeof args[0] === 'function' ? undefined : args[0],
          `${event} payload`,
        );
        ack({ ok: true, data: await handler(payload) });
      } catch (error) {
        try {
          fail(ack, error, event);
        } catch (ackError) {
          ctx.log.error({ err: safeError(ackError), event }, 'socket acknowledgement failed');
        }
      }
    });
  };
}
