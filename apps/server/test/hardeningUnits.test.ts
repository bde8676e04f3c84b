import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { Ack } from '@tandem/protocol';
import { openDatabase } from '@tandem/storage';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import type { Socket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../src/context.ts';
import { installErrorHandler } from '../src/http/errors.ts';
import { logSerializers, safeError } from '../src/http/logging.ts';
import { consoleOrigins, isConsoleRequest } from '../src/http/origin.ts';
import { cookieValue } from '../src/realtime/agentNamespace.ts';
import { createHandler } from '../src/realtime/handle.ts';
import { safeConnection, safeMiddleware } from '../src/realtime/middleware.ts';
import { createLoginThrottle } from '../src/services/loginThrottle.ts';

const SECRET = 'hunter2-the-customer-wrote-this';

/** A pino logger writing into a string. */
function capture(options: pino.LoggerOptions = {}) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info', ...options }, stream), text: () => lines.join('') };
}

describe('no personal data in logged errors', () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let dbError: Error;
  beforeAll(async () => {
    db = await openDatabase({ driver: 'pglite', dataDir: null });
    // PostgreSQL refuses NUL in text; PGlite's error carries the statement and its parameters
    dbError = await sql`select ${`${SECRET}\u0000`}::text as t`.execute(db).then(
      () => {
        throw new Error('expected a database error');
      },
      (error: Error) => error,
    );
  });
  afterAll(() => db.destroy());

  it('a PGlite error carries the parameters, and pino would log them by default', () => {
    expect(JSON.stringify((dbError as unknown as { params: unknown }).params)).toContain(SECRET);
    const plain = capture();
    plain.logger.error({ err: dbError }, 'failed');
    expect(plain.text()).toContain(SECRET);
  });

  it('the err serializer keeps type, message, code and stack only', () => {
    const safe = capture({ serializers: logSerializers });
    safe.logger.error({ err: dbError }, 'failed');
    const text = safe.text();
    expect(text).not.toContain(SECRET);
    const line = JSON.parse(text) as { err: Record<string, unknown> };
    expect(Object.keys(line.err).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(line.err.code).toBe('22021');
    expect(line.err.message).toMatch(/invalid byte sequence/);
  });

  it('redacts values quoted in database messages, causes too, and non-error rejections', () => {
    const withValue = Object.assign(new Error(`invalid input syntax for type uuid: "${SECRET}"`), {
      severity: 'ERROR',
      code: '22P02',
      detail: `Key (email)=(${SECRET}) already exists.`,
    });
    const wrapped = new Error('query failed', { cause: withValue });
    const out = JSON.stringify([
      safeError(withValue),
      safeError(wrapped),
      safeError(SECRET),
      safeError(null),
    ]);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('22P02');
    expect(safeError(wrapped).cause?.message).toBe('invalid input syntax for type uuid: "[redacted]"');
  });

  it('the REST error handler logs no parameters, even without the serializer', async () => {
    const { logger, text } = capture();
    const app = Fastify({ loggerInstance: logger as FastifyBaseLogger });
    installErrorHandler(app);
    app.get('/boom', async () => {
      throw dbError;
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(SECRET);
    expect(text()).toContain('unhandled error');
    expect(text()).not.toContain(SECRET);
  });

  it("Fastify's logger with `serializers: logSerializers` (as app.ts wires it) logs no parameters", async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const app = Fastify({ logger: { level: 'info', stream, serializers: logSerializers } });
    app.get('/log', async (request) => {
      request.log.error({ err: dbError }, 'a listener failed');
      app.log.error({ err: dbError }, 'the root logger too');
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: '/log' });
    await app.close();
    const text = lines.join('');
    expect(text).toContain('a listener failed');
    expect(text).toContain('the root logger too');
    expect(text).toContain('22021');
    expect(text).not.toContain(SECRET);
  });

  it('a failing socket handler logs no parameters', async () => {
    const { logger, text } = capture();
    const socket = fakeSocket();
    const on = createHandler(fakeCtx(logger), socket as unknown as Socket);
    on('save', z.object({}), async () => {
      throw dbError;
    });
    const ack = await socket.send('save', {});
    expect(!ack.ok && ack.error.code).toBe('internal');
    expect(text()).toContain('socket handler failed');
    expect(text()).not.toContain(SECRET);
  });
});

/**
 * A barrier, not a pause: the code under test here does no I/O, so its promise chains finish in microtasks,
 * and all of them have run by the next turn of the event loop, however slow the machine.
 */
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** Enough of a Socket.IO socket for createHandler: listeners, onAny, an ack per event. */
function fakeSocket() {
  const emitter = new EventEmitter();
  const any: Array<(...args: unknown[]) => void> = [];
  return {
    on: emitter.on.bind(emitter),
    listenerCount: emitter.listenerCount.bind(emitter),
    onAny(listener: (...args: unknown[]) => void) {
      any.push(listener);
    },
    /** resolves with every ack the handlers sent */
    async sendAll(event: string, payload: unknown): Promise<Array<Ack<unknown>>> {
      const acks: Array<Ack<unknown>> = [];
      const ack = (result: Ack<unknown>) => acks.push(result);
      for (const listener of any) listener(event, payload, ack);
      emitter.emit(event, payload, ack);
      await settled();
      return acks;
    },
    async send(event: string, payload: unknown): Promise<Ack<unknown>> {
      const acks = await this.sendAll(event, payload);
      if (acks.length !== 1) throw new Error(`expected one ack, got ${acks.length}`);
      return acks[0] as Ack<unknown>;
    },
  };
}

const fakeCtx = (logger: pino.Logger, burst = 20) =>
  ({ config: { socketEventBurst: burst, socketEventsPerSecond: 2 }, log: logger }) as unknown as AppContext;

describe('socket containment', () => {
  const nsp = { nsp: { name: '/test' } };

  it('safeMiddleware turns a throw or a rejection into one internal refusal', async () => {
    const { logger, text } = capture();
    const ctx = { log: logger };
    const calls: unknown[] = [];
    const next = (error?: Error) => calls.push(error);
    safeMiddleware(ctx, () => {
      throw new Error('sync');
    })(nsp, next);
    safeMiddleware(ctx, async () => {
      throw new Error('async');
    })(nsp, next);
    safeMiddleware(ctx, async (_socket, n) => {
      n();
      throw new Error('after next');
    })(nsp, next);
    safeMiddleware(ctx, (_socket, n) => n())(nsp, next);
    await settled();
    // one call each: two refusals, two passes (the throw after next() does not call next again)
    expect(calls).toHaveLength(4);
    const codes = calls.map(
      (error) => (error as { data?: { code: string } } | undefined)?.data?.code ?? 'next',
    );
    expect(codes.sort()).toEqual(['internal', 'internal', 'next', 'next']);
    expect(text().match(/socket middleware failed/g)).toHaveLength(3);
  });

  it('safeConnection logs and disconnects when the setup fails', async () => {
    const { logger, text } = capture();
    let disconnected = 0;
    const socket = { ...nsp, disconnect: () => disconnected++ };
    safeConnection({ log: logger }, async () => {
      throw new Error('rooms unavailable');
    })(socket);
    safeConnection({ log: logger }, () => {
      throw new Error('sync');
    })(socket);
    await settled();
    expect(disconnected).toBe(2);
    expect(text()).toContain('socket connection setup failed');
  });

  it('answers unknown events once, and leaves known events to their handler', async () => {
    const { logger } = capture();
    const socket = fakeSocket();
    const on = createHandler(fakeCtx(logger), socket as unknown as Socket);
    createHandler(fakeCtx(logger), socket as unknown as Socket); // a second call must not ack twice
    on('ping', z.object({}), async () => 'pong');
    expect(await socket.sendAll('ping', {})).toEqual([{ ok: true, data: 'pong' }]);
    const unknown = await socket.sendAll('nope', {});
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: 'unknown event "nope"' },
    });
    const long = await socket.send('x'.repeat(500), {});
    expect(!long.ok && long.error.message.length).toBeLessThan(100);
  });

  it('counts unknown events against the token bucket', async () => {
    const { logger } = capture();
    const socket = fakeSocket();
    createHandler(fakeCtx(logger, 2), socket as unknown as Socket);
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const ack = await socket.send('nope', {});
      codes.push(!ack.ok && ack.error.code);
    }
    expect(codes).toEqual(['bad_request', 'bad_request', 'rate_limited']);
  });

  it('reads cookies without throwing on bad percent-encoding', () => {
    expect(cookieValue('tandem_session=%', 'tandem_session')).toBeUndefined();
    expect(cookieValue('a=%; tandem_session=ab%2Fc', 'tandem_session')).toBe('ab/c');
    expect(cookieValue('tandem_session=x=y', 'tandem_session')).toBe('x=y');
    expect(cookieValue(undefined, 'tandem_session')).toBeUndefined();
  });
});

describe('console origin', () => {
  const config = { publicUrl: 'https://support.example.com' };

  it('allows PUBLIC_URL and the own host over http and https', () => {
    const h = (headers: Record<string, string>) =>
      isConsoleRequest(config, { host: 'tandem.local:3000', ...headers });
    expect(h({ origin: 'https://support.example.com' })).toBe(true);
    expect(h({ origin: 'https://SUPPORT.example.com:443' })).toBe(true);
    expect(h({ origin: 'http://tandem.local:3000' })).toBe(true);
    expect(h({ origin: 'https://tandem.local:3000' })).toBe(true);
    expect(h({ origin: 'https://evil.example' })).toBe(false);
    expect(h({ origin: 'null' })).toBe(false);
    expect(h({ origin: 'not a url' })).toBe(false);
    expect(h({ origin: 'https://support.example.com.evil.example' })).toBe(false);
  });

  it('without Origin, trusts only an absent or same-origin Sec-Fetch-Site', () => {
    expect(isConsoleRequest(config, {})).toBe(true);
    expect(isConsoleRequest(config, { 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(isConsoleRequest(config, { 'sec-fetch-site': 'same-site' })).toBe(false);
    expect(isConsoleRequest(config, { 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(isConsoleRequest(config, { 'sec-fetch-site': 'none' })).toBe(false);
  });

  it('never throws on a malformed Host', () => {
    for (const host of ['bad host[', '[::1', 'a/b@c', '', 'x:y:z]', '%zz']) {
      expect(() => consoleOrigins({ publicUrl: null }, host)).not.toThrow();
      expect(isConsoleRequest({ publicUrl: null }, { host, origin: `http://${host}` })).toBe(false);
    }
    expect(() => consoleOrigins({ publicUrl: null }, 'x'.repeat(5000))).not.toThrow();
    expect(consoleOrigins({ publicUrl: null }, '[::1]:3000').has('http://[::1]:3000')).toBe(true);
  });
});

describe('login throttle', () => {
  it('refuses an address after 10 failures in 15 minutes until the window passes', () => {
    let now = 0;
    const throttle = createLoginThrottle({}, () => now);
    for (let i = 0; i < 10; i++) {
      expect(throttle.check('a@b.c').allowed).toBe(true);
      throttle.recordFailure(i % 2 ? 'A@B.C ' : 'a@b.c');
    }
    expect(throttle.check('a@b.c')).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(throttle.check('other@b.c').allowed).toBe(true);
    now = 15 * 60_000 - 1;
    expect(throttle.check('a@b.c').allowed).toBe(false);
    now = 15 * 60_000;
    expect(throttle.check('a@b.c').allowed).toBe(true);
  });

  it('forgets an address on success, and stays bounded', () => {
    let now = 0;
    const throttle = createLoginThrottle({ maxEntries: 100 }, () => now);
    for (let i = 0; i < 5; i++) throttle.recordFailure('a@b.c');
    throttle.recordSuccess('a@b.c');
    expect(throttle.size).toBe(0);
    for (let i = 0; i < 1000; i++) {
      now += 1;
      throttle.recordFailure(`spray-${i}@b.c`);
    }
    expect(throttle.size).toBeLessThanOrEqual(100);
    // the newest are kept
    for (let i = 0; i < 9; i++) throttle.recordFailure('spray-999@b.c');
    expect(throttle.check('spray-999@b.c').allowed).toBe(false);
  });
});
