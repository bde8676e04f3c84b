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

/** How long to wait for an acknowledgement before telling the customer the send failed. */
const ACK_TIMEOUT_MS = 20_000;

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

export function sendMessage(
  socket: WidgetSocket,
  payload: WidgetSend,
): Promise<Result<{ message: MessageView }>> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', payload, (error, result) => {
      resolve(error || !result ? { ok: false, error: timedOut } : result);
    });
  });
}

export function requestHandoff(
  socket: WidgetSocket,
  lang: WidgetSend['lang'],
): Promise<Result<{ conversation: WidgetConversation }>> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('handoff:request', { lang }, (error, result) => {
      resolve(error || !result ? { ok: false, error: timedOut } : result);
    });
  });
}
