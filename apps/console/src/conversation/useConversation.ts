import type { AgentConversation } from '@tandem/protocol';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { api, errorCodeOf, type SendOptions } from '../api.ts';
import { type AgentSocket, commands, newClientId } from '../socket.ts';
import { emptyTranscript, transcriptReducer } from '../store/messages.ts';
import type { LoadState } from '../store/useInbox.ts';

/** A customer who stops typing without us hearing `typing: false` (closed tab) stops showing after this. */
const typingTimeoutMs = 8_000;

/**
 * One open conversation: its transcript (history + live messages + optimistic replies) and whether the
 * customer is typing. Joins the conversation's live room first, then fetches, so nothing falls in between;
 * does both again after every reconnect.
 */
export function useConversation(
  conversationId: string,
  socket: AgentSocket | null,
  onConversation: (conversation: AgentConversation) => void,
  onSessionLost: () => void,
) {
  const [transcript, dispatch] = useReducer(transcriptReducer, emptyTranscript);
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const [customerTyping, setCustomerTyping] = useState(false);
  const current = useRef(conversationId);
  current.current = conversationId;
  const callbacks = useRef({ onConversation, onSessionLost });
  callbacks.current = { onConversation, onSessionLost };

  const reload = useCallback(async () => {
    const id = conversationId;
    try {
      await commands(socket).watch(id);
    } catch {
      // not being in the live room only delays messages until the next fetch; the fetch below still runs
    }
    try {
      const { conversation, messages } = await api.conversation(id);
      if (current.current !== id) return;
      callbacks.current.onConversation(conversation);
      dispatch({ type: 'loaded', conversationId: id, messages });
      setLoad({ state: 'ready' });
    } catch (error) {
      if (current.current !== id) return;
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') callbacks.current.onSessionLost();
      setLoad((state) => (state.state === 'ready' ? state : { state: 'error', code }));
    }
  }, [conversationId, socket]);

  useEffect(() => {
    dispatch({ type: 'open', conversationId });
    setLoad({ state: 'loading' });
    setCustomerTyping(false);
  }, [conversationId]);

  useEffect(() => {
    void reload();
    if (!socket) return;
    const onConnect = () => void reload();
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [socket, reload]);

  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMessage: Parameters<typeof socket.on<'message:new'>>[1] = (message) => {
      if (message.conversationId !== conversationId) return;
      dispatch({ type: 'received', message });
      if (message.author.kind === 'customer') setCustomerTyping(false);
    };
    const onTyping: Parameters<typeof socket.on<'typing'>>[1] = (payload) => {
      if (payload.conversationId !== conversationId) return;
      clearTimeout(timer);
      setCustomerTyping(payload.typing);
      if (payload.typing) timer = setTimeout(() => setCustomerTyping(false), typingTimeoutMs);
    };
    socket.on('message:new', onMessage);
    socket.on('typing', onTyping);
    return () => {
      clearTimeout(timer);
      socket.off('message:new', onMessage);
      socket.off('typing', onTyping);
    };
  }, [socket, conversationId]);

  const deliver = useCallback(
    async (clientId: string, text: string, options: SendOptions) => {
      try {
        const message = await commands(socket).send(conversationId, clientId, text, options);
        dispatch({ type: 'received', message });
      } catch (error) {
        const code = errorCodeOf(error);
        if (code === 'unauthenticated') callbacks.current.onSessionLost();
        dispatch({ type: 'failed', clientId, error: code });
      }
    },
    [socket, conversationId],
  );

  const send = useCallback(
    (text: string, options: SendOptions = {}) => {
      const clientId = newClientId();
      const createdAt = new Date().toISOString();
      dispatch({
        type: 'sending',
        message: { clientId, text, createdAt, state: 'sending', error: null, ...options },
      });
      void deliver(clientId, text, options);
    },
    [deliver],
  );

  const retry = useCallback(
    (clientId: string) => {
      const message = transcript.pending.find((pending) => pending.clientId === clientId);
      if (!message) return;
      dispatch({ type: 'retrying', clientId });
      void deliver(clientId, message.text, {
        ...(message.internal ? { internal: true } : {}),
        ...(message.attachmentIds?.length ? { attachmentIds: message.attachmentIds } : {}),
      });
    },
    [deliver, transcript.pending],
  );

  const discard = useCallback((clientId: string) => dispatch({ type: 'discard', clientId }), []);

  const typing = useCallback(
    (isTyping: boolean) => commands(socket).typing(conversationId, isTyping),
    [socket, conversationId],
  );

  return { transcript, load, customerTyping, reload, send, retry, discard, typing };
}
