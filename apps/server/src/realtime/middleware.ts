import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '@tandem/protocol';
import type { ExtendedError } from 'socket.io';
import type { AppContext } from '../context.ts';
import { safeError } from '../http/logging.ts';

/** A handshake refusal the client sees as `connect_error` with `data: { code, message }`. */
export const socketError = (code: ErrorCode, message: string): ExtendedError =>
  Object.assign(new Error(message), { data: { code, message } });

const internal = () => socketError('internal', 'something went wrong on our side; please try again');

type Next = (error?: ExtendedError) => void;
type SocketLike = { nsp: { name: string } };

/**
 * Contains a Socket.IO middleware (`nsp.use(safeMiddleware(ctx, async (socket, next) => …))`): a synchronous
 * throw or a rejected promise is logged (without the error's data fields) and refuses the handshake with
 * `internal`, instead of becoming an unhandled rejection that takes the process down. `next` is called at
 * most once, whatever the middleware does.
 */
export function safeMiddleware<S extends SocketLike>(
  ctx: Pick<AppContext, 'log'>,
  fn: (socket: S, next: Next) => void | Promise<void>,
): (socket: S, next: Next) => void {
  return (socket, next) => {
    let done = false;
    const once: Next = (error) => {
      if (done) return;
      done = true;
      next(error);
    };
    const fail = (error: unknown) => {
      ctx.log.error({ err: safeError(error), namespace: socket.nsp.name }, 'socket middleware failed');
      once(internal());
    };
    try {
      const result = fn(socket, once);
      if (result && typeof result.then === 'function') result.then(undefined, fail);
    } catch (error) {
      fail(error);
    }
  };
}

/**
 * Contains a `connection` (or any other) listener: `nsp.on('connection', safeConnection(ctx, async (socket) => …))`.
 * A failure is logged and the socket disconnected, since its setup (rooms, presence) is incomplete.
 */
export function safeConnection<S extends SocketLike & { disconnect(close?: boolean): unknown }>(
  ctx: Pick<AppContext, 'log'>,
  fn: (socket: S) => void | Promise<void>,
): (socket: S) => void {
  return (socket) => {
    const fail = (error: unknown) => {
      ctx.log.error({ err: safeError(error), namespace: socket.nsp.name }, 'socket connection setup failed');
      try {
        socket.disconnect(true);
      } catch {
        // already gone
      }
    };
    try {
      const result = fn(socket);
      if (result && typeof result.then === 'function') result.then(undefined, fail);
    } catch (error) {
      fail(error);
    }
  };
}

/** What Socket.IO reads from the HTTP request that opened a connection when a namespace is joined on it. */
type HandshakeRequest = Pick<IncomingMessage, 'headers' | 'url'> & {
  _query?: unknown;
  connection: { encrypted: boolean };
};

/**
 * Engine.IO keeps the HTTP request that opened each connection (`socket.conn.request`: the message, its raw
 * header list, stream state) for as long as the connection lasts, though after the handshake Socket.IO only
 * reads its headers, URL, query and whether it was encrypted again, and only if the client joins another
 * namespace on the same connection. At 10,000 held connections that is megabytes for nothing: this keeps
 * just what a later handshake reads (the headers object is the one `socket.handshake.headers` already holds)
 * and lets the request go.
 */
export function releaseHandshakeRequest(socket: { conn: { request: unknown } }): void {
  const request = socket.conn.request as (IncomingMessage & { _query?: unknown }) | null;
  if (!request || !('socket' in request)) return; // already released
  const kept: HandshakeRequest = {
    headers: request.headers,
    url: request.url,
    _query: request._query,
    connection: { encrypted: Boolean((request.socket as { encrypted?: boolean } | null)?.encrypted) },
  };
  socket.conn.request = kept;
}
