import {
  type Ack,
  type AgentClientEvents,
  type AgentConversation,
  type AgentServerEvents,
  agentConversationSchema,
  type MessageView,
  messageViewSchema,
  PROTOCOL_VERSION,
  type Presence,
  type TransferTarget,
} from '@tandem/protocol';
import { io, type Socket } from 'socket.io-client';
import { ApiError, api, type SendOptions } from './api.ts';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** One connection per signed-in tab, authenticated by the session cookie. */
export function connectAgentSocket(): AgentSocket {
  return io('/agent', { withCredentials: true, auth: { protocol: PROTOCOL_VERSION } });
}

const ackTimeoutMs = 10_000;

/** The client events on one conversation that are acknowledged with its new row. */
type ConversationCommandEvent =
  | 'conversation:accept'
  | 'conversation:resolve'
  | 'conversation:decline'
  | 'conversation:release'
  | 'conversation:handback'
  | 'conversation:reopen'
  | 'conversation:transfer';

/** Turns an acknowledgement (or its timeout) into a promise that fails with an {@link ApiError}. */
function settle<T>(resolve: (value: T) => void, reject: (error: ApiError) => void) {
  return (timeout: Error | null, result: Ack<T>) => {
    if (timeout) reject(new ApiError('timeout', timeout.message));
    else if (result.ok) resolve(result.data);
    else reject(new ApiError(result.error.code, result.error.message));
  };
}

function checked<T>(value: unknown, schema: { parse: (data: unknown) => T }): T {
  try {
    return schema.parse(value);
  } catch {
    throw new ApiError('internal', 'Unexpected acknowledgement from the server');
  }
}

/**
 * The agent's commands. Over the socket when it is connected (fast, same path as live events),
 * over the REST mirrors otherwise, so a dropped connection never blocks work.
 */
export function commands(socket: AgentSocket | null) {
  const live = socket?.connected ? socket.timeout(ackTimeoutMs) : null;
  /** a command on one conversation over the live connection, answered with its new row */
  const conversationCommand = async (
    connected: NonNullable<typeof live>,
    event: ConversationCommandEvent,
    payload: Parameters<AgentClientEvents[ConversationCommandEvent]>[0],
  ): Promise<AgentConversation> => {
    const data = await new Promise<{ conversation: AgentConversation }>((resolve, reject) =>
      connected.emit(event, payload, settle(resolve, reject)),
    );
    return checked(data.conversation, agentConversationSchema);
  };
  return {
    async accept(conversationId: string): Promise<AgentConversation> {
      if (!live) return api.accept(conversationId);
      return conversationCommand(live, 'conversation:accept', { conversationId });
    },
    async resolve(conversationId: string, disposition: string[] = []): Promise<AgentConversation> {
      if (!live) return api.resolve(conversationId, disposition);
      return conversationCommand(
        live,
        'conversation:resolve',
        disposition.length > 0 ? { conversationId, disposition } : { conversationId },
      );
    },
    /** turn down a conversation offered to me: it goes to the next person */
    async decline(conversationId: string): Promise<AgentConversation> {
      if (!live) return api.decline(conversationId);
      return conversationCommand(live, 'conversation:decline', { conversationId });
    },
    /** put an assigned conversation back in its queue */
    async release(conversationId: string): Promise<AgentConversation> {
      if (!live) return api.release(conversationId);
      return conversationCommand(live, 'conversation:release', { conversationId });
    },
    async handBack(conversationId: string): Promise<AgentConversation> {
      if (!live) return api.handBack(conversationId);
      return conversationCommand(live, 'conversation:handback', { conversationId });
    },
    /** take a resolved conversation up again: assigned to me */
    async reopen(conversationId: string): Promise<AgentConversation> {
      if (!live) return api.reopen(conversationId);
      return conversationCommand(live, 'conversation:reopen', { conversationId });
    },
    /** to a person, a team's queue or the expert tier, with an optional note for whoever receives it */
    async transfer(conversationId: string, to: TransferTarget, note?: string): Promise<AgentConversation> {
      if (!live) return api.transfer(conversationId, to, note);
      return conversationCommand(
        live,
        'conversation:transfer',
        note ? { conversationId, to, note } : { conversationId, to },
      );
    },
    async send(
      conversationId: string,
      clientId: string,
      text: string,
      options: SendOptions = {},
    ): Promise<MessageView> {
      if (!live) return api.send(conversationId, clientId, text, options);
      const data = await new Promise<{ message: MessageView }>((resolve, reject) =>
        live.emit('message:send', { conversationId, clientId, text, ...options }, settle(resolve, reject)),
      );
      return checked(data.message, messageViewSchema);
    },
    async setPresence(presence: Exclude<Presence, 'offline'>): Promise<Presence> {
      if (!live) return api.setPresence(presence);
      const data = await new Promise<{ presence: Presence }>((resolve, reject) =>
        live.emit('presence:set', { presence }, settle(resolve, reject)),
      );
      return data.presence;
    },
    /** Joins the conversation's live room; only meaningful while connected (rejoined on reconnect). */
    async watch(conversationId: string): Promise<void> {
      if (!live) return;
      await new Promise<{ watching: string }>((resolve, reject) =>
        live.emit('conversation:watch', { conversationId }, settle(resolve, reject)),
      );
    },
    typing(conversationId: string, typing: boolean): void {
      if (socket?.connected) socket.volatile.emit('typing', { conversationId, typing });
    },
  };
}

export type Commands = ReturnType<typeof commands>;

/** 8-64 chars of [A-Za-z0-9_-]; crypto.getRandomValues works on plain http too, unlike randomUUID. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = 'c';
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}
