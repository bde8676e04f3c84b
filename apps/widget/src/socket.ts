import {
  type Ack,
  type MessageView,
  PROTOCOL_VERSION,
  type WidgetClientEvents,
  type WidgetConversation,
  type WidgetSend,
  type WidgetServerEvents,
} from '@tandem/protocol';
import { io, type Socket } from 'socket.io-client';

export type WidgetSocket = Socket<WidgetServerEvents, WidgetClientEvents>;

/**
 * How long to wait for an acknowledgement before counting a try as lost (it is then sent again with the
 * same clientId: the server stores a message once however often it arrives).
 */
const ACK_TIMEOUT_MS = 10_000;
/** How long a send waits for a connection being (re)established before counting as a lost try. */
const CONNECT_WAIT_MS = 5_000;

export function connectWidget(origin: string, visitorToken: string): WidgetSocket {
  return io(`${origin}/widget`, {
    auth: { visitorToken, protocol: PROTOCOL_VERSION },
    withCredentials: false,
    // WebTransport is left out of the bundle (vite.config.ts): never ask for it.
    transports: ['polling', 'websocket'],
    reconnectionDelayMax: 10_000,
  });
}

const timedOut = { code: 'network', message: 'no acknowledgement' } as const;
export type Result<T> = Ack<T> | { ok: false; error: typeof timedOut };
/** A try that could not be made: no session or connection. */
export const offline: Result<never> = { ok: false, error: timedOut };

/** Emits an event with its acknowledgement; no answer in time is a `network` failure. */
function ask<T>(socket: WidgetSocket, event: keyof WidgetClientEvents, payload: unknown): Promise<Result<T>> {
  return new Promise((resolve) => {
    // (the typed emit cannot follow a variable event name; each caller below fixes the pair)
    (socket.timeout(ACK_TIMEOUT_MS) as unknown as Socket).emit(
      event,
      payload,
      (error: unknown, result: Result<T> | undefined) => resolve(error || !result ? offline : result),
    );
  });
}

export const sendMessage = (socket: WidgetSocket, payload: WidgetSend) =>
  ask<{ message: MessageView }>(socket, 'message:send', payload);

export const requestHandoff = (socket: WidgetSocket, lang: WidgetSend['lang']) =>
  ask<{ conversation: WidgetConversation }>(socket, 'handoff:request', { lang });

/** Rates a conversation that ended (1–5, optional comment). */
export const rateConversation = (
  socket: WidgetSocket,
  payload: { conversationId: string; score: number; comment?: string },
) => ask<{ conversation: WidgetConversation }>(socket, 'csat:submit', payload);

/** Leaves a message instead of waiting (an e-mail address or a phone number, or both; the message). */
export const createTicket = (
  socket: WidgetSocket,
  payload: { name?: string; email?: string; phone?: string; message: string },
) => ask<{ ticket: { id: string; status: string } }>(socket, 'ticket:create', payload);

/** After a reconnect: the latest conversation and its messages after `afterSeq`. */
export const syncSince = (socket: WidgetSocket, afterSeq: number) =>
  ask<{ conversation: WidgetConversation | null; messages: MessageView[] }>(socket, 'sync', { afterSeq });

/** Resolves true once the socket is connected, false if it is not within a few seconds. */
export function whenConnected(socket: WidgetSocket): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (connected: boolean) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      resolve(connected);
    };
    const onConnect = () => done(true);
    const timer = setTimeout(() => done(false), CONNECT_WAIT_MS);
    socket.on('connect', onConnect);
  });
}
