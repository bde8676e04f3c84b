import { DomainError } from '@tandem/domain';
import type { Ack } from '@tandem/protocol';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { toErrorBody } from '../http/errors.ts';
import { parseInput } from '../http/validation.ts';
import { createTokenBucket } from './tokenBucket.ts';

type AckFn = (result: Ack<unknown>) => void;

/**
 * Registers a socket event handler behind the same edge as REST: rate limit → validate → handler → ack.
 * Every event with a callback gets exactly one ack; nothing a client sends can crash the process.
 */
export function createHandler(
  ctx: AppContext,
  socket: Socket,
  authorize: () => Promise<void> = async () => {},
) {
  const bucket = createTokenBucket({ capacity: 20, refillPerSecond: 2 });
  return function on<S extends z.ZodType, T>(
    event: string,
    schema: S,
    handler: (payload: z.output<S>) => Promise<T>,
  ): void {
    socket.on(event, async (...args: unknown[]) => {
      const last = args.at(-1);
      const ack: AckFn = typeof last === 'function' ? (last as AckFn) : () => undefined;
      try {
        if (!bucket.take()) throw new DomainError('rate_limited', 'too many events; slow down and retry');
        await authorize();
        const payload = parseInput(
          schema,
          typeof args[0] === 'function' ? undefined : args[0],
          `${event} payload`,
        );
        ack({ ok: true, data: await handler(payload) });
      } catch (error) {
        const body = toErrorBody(error);
        if (body.code === 'internal') ctx.log.error({ err: error, event }, 'socket handler failed');
        ack({ ok: false, error: body });
      }
    });
  };
}
