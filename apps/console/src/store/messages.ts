import type { MessageView } from '@tandem/protocol';
import type { ClientErrorCode } from '../api.ts';

/** A reply shown before the server has confirmed it; its clientId makes retries idempotent. */
export interface PendingMessage {
  clientId: string;
  text: string;
  createdAt: string;
  state: 'sending' | 'failed';
  error: ClientErrorCode | null;
  /** an internal note (staff only) */
  internal?: boolean;
  /** files uploaded already, sent with it */
  attachmentIds?: string[];
}

export interface TranscriptState {
  conversationId: string | null;
  messages: MessageView[];
  pending: PendingMessage[];
}

export type TranscriptAction =
  | { type: 'open'; conversationId: string | null }
  | { type: 'loaded'; conversationId: string; messages: MessageView[] }
  | { type: 'received'; message: MessageView }
  | { type: 'sending'; message: PendingMessage }
  | { type: 'failed'; clientId: string; error: ClientErrorCode }
  | { type: 'retrying'; clientId: string }
  | { type: 'discard'; clientId: string };

export const emptyTranscript: TranscriptState = { conversationId: null, messages: [], pending: [] };

/** Union by id (the later copy wins), ordered by the server's sequence number. */
export function mergeMessages(existing: MessageView[], incoming: MessageView[]): MessageView[] {
  if (incoming.length === 0) return existing;
  const byId = new Map<string, MessageView>();
  for (const message of existing) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));
}

/** Drops optimistic copies the server has confirmed (same clientId). */
export function settlePending(pending: PendingMessage[], messages: MessageView[]): PendingMessage[] {
  if (pending.length === 0) return pending;
  const confirmed = new Set(messages.map((message) => message.clientId).filter((id) => id !== null));
  const left = pending.filter((message) => !confirmed.has(message.clientId));
  return left.length === pending.length ? pending : left;
}

function withMessages(state: TranscriptState, incoming: MessageView[]): TranscriptState {
  const messages = mergeMessages(state.messages, incoming);
  return { ...state, messages, pending: settlePending(state.pending, messages) };
}

function updatePending(
  state: TranscriptState,
  clientId: string,
  change: (message: PendingMessage) => PendingMessage | null,
): TranscriptState {
  const pending = state.pending.flatMap((message) => {
    if (message.clientId !== clientId) return [message];
    const next = change(message);
    return next ? [next] : [];
  });
  return { ...state, pending };
}

export function transcriptReducer(state: TranscriptState, action: TranscriptAction): TranscriptState {
  switch (action.type) {
    case 'open':
      return action.conversationId === state.conversationId
        ? state
        : { ...emptyTranscript, conversationId: action.conversationId };
    case 'loaded':
      return action.conversationId === state.conversationId ? withMessages(state, action.messages) : state;
    case 'received':
      return action.message.conversationId === state.conversationId
        ? withMessages(state, [action.message])
        : state;
    case 'sending':
      if (state.messages.some((message) => message.clientId === action.message.clientId)) return state;
      return { ...state, pending: [...state.pending, action.message] };
    case 'failed':
      return updatePending(state, action.clientId, (message) => ({
        ...message,
        state: 'failed',
        error: action.error,
      }));
    case 'retrying':
      return updatePending(state, action.clientId, (message) => ({
        ...message,
        state: 'sending',
        error: null,
      }));
    case 'discard':
      return updatePending(state, action.clientId, () => null);
  }
}
